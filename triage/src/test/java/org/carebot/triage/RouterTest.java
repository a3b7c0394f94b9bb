package org.carebot.triage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouterTest {

    private static final Post TELEGRAM_POST = new Post("telegram", "1:2", null, "text", null, null, "1");
    private static final Post X_POST = Post.ofText("x", "99", "text");

    private static Triage triage(String intent, Priority priority, Set<SensitiveFlag> flags, String language) {
        return new Triage(intent, 0.5, priority, List.of(), false, flags, !flags.isEmpty(), language);
    }

    private static Triage triage(String intent) {
        return triage(intent, Priority.P3, Set.of(), "en");
    }

    private static RoutingRule rule(String name, Set<String> intents, Set<Priority> priorities, Set<String> platforms,
                                    Set<SensitiveFlag> flags, Set<String> languages, String queue,
                                    List<String> notify) {
        return new RoutingRule(name, intents, priorities, platforms, flags, languages, queue, notify);
    }

    private static RoutingRule intentRule(String name, String intent, String queue) {
        return rule(name, Set.of(intent), Set.of(), Set.of(), Set.of(), Set.of(), queue, List.of());
    }

    @Nested
    class Order {

        private final Router router = new Router(List.of(
                rule("safety first", Set.of(), Set.of(), Set.of(),
                        Set.of(SensitiveFlag.SELF_HARM, SensitiveFlag.SAFETY), Set.of(), "trust_safety",
                        List.of("comms")),
                intentRule("outages", "outage_report", "tech"),
                intentRule("outages again", "outage_report", "comms")), "general");

        @Test
        void the_first_matching_rule_wins() {
            assertEquals(new Route("tech", List.of(), "outages"), router.route(X_POST, triage("outage_report")));
        }

        @Test
        void an_earlier_rule_wins_over_a_later_one_that_also_matches() {
            Triage outageWithSelfHarm = triage("outage_report", Priority.P1, Set.of(SensitiveFlag.SELF_HARM), "en");
            assertEquals(new Route("trust_safety", List.of("comms"), "safety first"),
                    router.route(X_POST, outageWithSelfHarm));
        }

        @Test
        void nothing_matching_goes_to_the_fallback_queue_under_the_rule_name_fallback() {
            Route route = router.route(X_POST, triage("praise"));
            assertEquals(new Route("general", List.of(), "fallback"), route);
        }

        @Test
        void a_router_without_rules_sends_everything_to_the_fallback() {
            Route route = new Router(List.of(), "general").route(TELEGRAM_POST, triage("outage_report"));
            assertEquals("general", route.queue());
            assertEquals("fallback", route.rule());
        }
    }

    @Nested
    class Conditions {

        private final RoutingRule urgentSpanishBillingOnTelegram = rule("urgent spanish billing on telegram",
                Set.of("billing_issue"), Set.of(Priority.P1, Priority.P2), Set.of("telegram"), Set.of(),
                Set.of("es"), "billing_es", List.of("comms", "finance"));
        private final Router router = new Router(List.of(urgentSpanishBillingOnTelegram), "general");

        @Test
        void a_rule_matches_when_every_condition_holds_and_carries_also_notify() {
            Route route = router.route(TELEGRAM_POST, triage("billing_issue", Priority.P2, Set.of(), "es"));
            assertEquals(new Route("billing_es", List.of("comms", "finance"), "urgent spanish billing on telegram"),
                    route);
        }

        @Test
        void a_wrong_intent_fails_the_rule() {
            assertEquals("fallback",
                    router.route(TELEGRAM_POST, triage("bug_report", Priority.P2, Set.of(), "es")).rule());
        }

        @Test
        void a_wrong_priority_fails_the_rule() {
            assertEquals("fallback",
                    router.route(TELEGRAM_POST, triage("billing_issue", Priority.P3, Set.of(), "es")).rule());
        }

        @Test
        void a_wrong_platform_fails_the_rule() {
            assertEquals("fallback",
                    router.route(X_POST, triage("billing_issue", Priority.P2, Set.of(), "es")).rule());
        }

        @Test
        void a_wrong_language_fails_the_rule() {
            assertEquals("fallback",
                    router.route(TELEGRAM_POST, triage("billing_issue", Priority.P2, Set.of(), "und")).rule());
        }

        @Test
        void a_rule_without_conditions_matches_anything() {
            Router catchAll = new Router(List.of(rule("everything", Set.of(), Set.of(), Set.of(), Set.of(),
                    Set.of(), "care", List.of())), "general");
            assertEquals("care", catchAll.route(X_POST, triage(Triage.OTHER, Priority.P4, Set.of(), "und")).queue());
            assertEquals("care", catchAll.route(TELEGRAM_POST,
                    triage("outage_report", Priority.P1, Set.of(SensitiveFlag.FRAUD), "de")).queue());
        }
    }

    @Nested
    class Flags {

        private final Router router = new Router(List.of(rule("fraud or legal", Set.of(), Set.of(), Set.of(),
                Set.of(SensitiveFlag.FRAUD, SensitiveFlag.LEGAL_THREAT), Set.of(), "legal", List.of())), "general");

        @Test
        void a_flag_condition_matches_a_post_with_any_one_of_the_flags() {
            assertEquals("legal", router.route(X_POST,
                    triage(Triage.OTHER, Priority.P3, Set.of(SensitiveFlag.LEGAL_THREAT), "en")).queue());
            assertEquals("legal", router.route(X_POST,
                    triage(Triage.OTHER, Priority.P3, Set.of(SensitiveFlag.FRAUD, SensitiveFlag.MEDICAL), "en"))
                    .queue());
        }

        @Test
        void a_flag_condition_fails_for_a_post_with_other_flags_only() {
            assertEquals("general", router.route(X_POST,
                    triage(Triage.OTHER, Priority.P3, Set.of(SensitiveFlag.MEDICAL), "en")).queue());
        }

        @Test
        void a_flag_condition_fails_for_a_post_without_flags() {
            assertEquals("general", router.route(X_POST, triage(Triage.OTHER)).queue());
        }
    }

    @Nested
    class WithTheEngine {

        @Test
        void a_triaged_self_harm_post_routes_by_its_flag() {
            CarebotTriageEngine engine = TriageFixtures.engine();
            Post post = Post.ofText("x", "5", "The app is down and I want to die");
            Router router = new Router(List.of(
                    rule("self-harm first", Set.of(), Set.of(), Set.of(), Set.of(SensitiveFlag.SELF_HARM), Set.of(),
                            "trust_safety", List.of("comms")),
                    intentRule("outages", "outage_report", "tech")), "general");
            assertEquals(new Route("trust_safety", List.of("comms"), "self-harm first"),
                    router.route(post, engine.triage(post)));
        }
    }
}
