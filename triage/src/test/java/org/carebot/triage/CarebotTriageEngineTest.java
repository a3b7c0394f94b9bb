package org.carebot.triage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.carebot.triage.TriageFixtures.post;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CarebotTriageEngineTest {

    private static CarebotTriageEngine engine;

    @BeforeAll
    static void buildEngine() {
        engine = TriageFixtures.engine();
    }

    private static Triage triage(String text) {
        return engine.triage(post(text));
    }

    private static Triage triageWithClassifier(IntentClassifier classifier, String text) {
        CarebotTriageEngine custom = new CarebotTriageEngine(TriageFixtures.rules(), TriageFixtures.personalData(),
                TriageFixtures.languages(), classifier, SemanticFlags.none(),
                new ToneReader(List.of("love"), Set.of("billing_issue"), "praise", null, new ExampleIndex(),
                        Set.of("en"), 1));
        return custom.triage(post(text));
    }

    private static Triage triage(String text, Author author) {
        return engine.triage(post(text, author));
    }

    private static Author author(String id, String handle, Long followers, Boolean verified) {
        return new Author(id, handle, null, followers, verified);
    }

    @Nested
    class Intent {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource({
                "outage_report, 'Acme Cloud is DOWN again, nothing works'",
                "outage_report, 'La aplicación no funciona desde ayer'",
                "outage_report, 'Seit heute früh totale Störung bei euch'",
                "outage_report, 'Le site est en panne depuis ce matin'",
                "billing_issue, 'I was never refunded for last month'",
                "billing_issue, 'Me cobraron dos veces este mes'",
                "billing_issue, 'Ihr habt doppelt abgebucht!'",
                "billing_issue, 'On m''a facturé deux fois'",
                "bug_report, 'L''appli plante quand j''ouvre un fichier'",
                "bug_report, 'Die App stürzt ab beim Hochladen'",
                "account_access, 'Mein Konto ist gesperrt'",
                "account_access, 'Olvidé mi contrasena y no llega el correo'",
                "praise, 'Merci pour votre aide rapide'"})
        void the_intent_comes_from_keywords_in_any_configured_language(String intent, String text) {
            Triage triage = triage(text);
            assertEquals(intent, triage.intent());
            assertFalse(triage.spam());
            assertTrue(triage.intentConfidence() > 0, "confidence " + triage.intentConfidence());
        }

        @Test
        void a_post_matching_nothing_is_other_with_zero_confidence_and_no_risk() {
            Triage triage = triage("Nice weather in Lisbon today");
            assertAll(
                    () -> assertEquals(Triage.OTHER, triage.intent()),
                    () -> assertEquals(0.0, triage.intentConfidence()),
                    () -> assertEquals(Priority.P4, triage.priority()),
                    () -> assertEquals(List.of("no risk signals"), triage.reasons()),
                    () -> assertFalse(triage.spam()),
                    () -> assertEquals(Set.of(), triage.sensitive()),
                    () -> assertTrue(triage.humanOnly(), "'other' is not on the auto-reply list: a person looks"));
        }

        @Test
        void confidence_grows_with_distinct_hits_of_the_winning_intent() {
            assertEquals(0.5, triage("the app is down").intentConfidence());
            assertEquals(0.67, triage("Die Seite geht nicht, totaler Ausfall").intentConfidence());
            assertEquals(0.75, triage("charged twice, no invoice, want a refund").intentConfidence());
        }

        @Test
        void a_post_of_thousands_of_stacked_accents_is_read_like_a_few() {
            // Each regex word boundary used to look back over the whole pile: 48 s for this one post.
            Triage zalgo = triage("the app is down" + "\u0301".repeat(20_000));
            assertEquals("outage_report", zalgo.intent());
        }

        @Test
        void repeating_a_keyword_does_not_add_confidence() {
            assertEquals(0.5, triage("down down down, still down").intentConfidence());
        }

        @Test
        void a_tie_in_hits_goes_to_the_riskier_intent_with_lower_confidence() {
            Triage triage = triage("The billing page shows an error");
            assertEquals("billing_issue", triage.intent());
            assertEquals(0.33, triage.intentConfidence());
        }

        @Test
        void a_tie_between_equally_risky_intents_goes_to_the_earlier_one() {
            assertEquals("billing_issue", triage("I need my invoice but the login fails").intent());
        }

        @Test
        void below_the_minimum_confidence_the_intent_falls_back_to_other() {
            CarebotTriageEngine strict = TriageFixtures.engine(TriageFixtures.rules(0.4));
            Triage triage = strict.triage(post("The billing page shows an error"));
            assertEquals(Triage.OTHER, triage.intent());
            assertTrue(triage.intentConfidence() < 0.4, "confidence " + triage.intentConfidence());
            assertEquals(List.of("no risk signals"), triage.reasons());
        }
    }

    @Nested
    class Spam {

        @Test
        void the_classifiers_spam_verdict_suppresses_only_a_post_alike_enough_to_a_scam_example() {
            IntentClassifier farFromScams = (text, folded) -> new IntentClassifier.IntentGuess(TriageFixtures.SPAM_INTENT,
                    0.9, "test", List.of(), 0.28);
            IntentClassifier nearScams = (text, folded) -> new IntentClassifier.IntentGuess(TriageFixtures.SPAM_INTENT,
                    0.9, "test", List.of(), 0.6);

            Triage greeting = triageWithClassifier(farFromScams, "hi");
            assertFalse(greeting.spam());
            assertEquals(Triage.OTHER, greeting.intent());
            assertTrue(triageWithClassifier(nearScams, "hi dear, I saw you online").spam());
        }

        @Test
        void keywords_and_patterns_over_the_threshold_suppress_the_post() {
            Triage triage = triage("FREE CRYPTO giveaway!! Send 0.1 ETH to get 1 ETH back");
            assertAll(
                    () -> assertTrue(triage.spam()),
                    () -> assertEquals(TriageFixtures.SPAM_INTENT, triage.intent()),
                    () -> assertEquals(1.0, triage.intentConfidence()),
                    () -> assertEquals(Priority.P4, triage.priority()),
                    () -> assertEquals(1, triage.reasons().size()),
                    () -> assertTrue(triage.reasons().get(0).startsWith("suppressed as spam"),
                            triage.reasons().get(0)),
                    () -> assertTrue(triage.reasons().get(0).contains("pattern \"Send 0.1 ETH\""),
                            triage.reasons().get(0)),
                    () -> assertTrue(triage.reasons().get(0).contains("\"free crypto\", \"giveaway\""),
                            triage.reasons().get(0)));
        }

        @Test
        void a_post_full_of_lookalike_links_gives_a_reason_people_can_read_and_the_store_can_keep() {
            StringBuilder text = new StringBuilder("refunds here:");
            for (int i = 0; i < 300; i++) text.append(" https://acmec1oud-refund-").append(i).append(".com");

            Triage triage = triage(text.toString());

            assertTrue(triage.spam());
            String reason = triage.reasons().get(0);
            assertTrue(reason.length() < 1000, reason.length() + " characters");
            assertTrue(reason.contains("lookalike link acmec1oud-refund-0.com"), reason);
            assertTrue(reason.matches(".*, and \\d+ more"), reason);
        }

        @Test
        void a_match_as_long_as_the_post_is_quoted_short() {
            Triage triage = triage("giveaway t.me/" + "x".repeat(20_000));

            assertTrue(triage.spam());
            String reason = triage.reasons().get(0);
            assertTrue(reason.length() < 1000, reason.length() + " characters");
            assertTrue(reason.contains("pattern \"t.me/xxx"), reason);
        }

        @Test
        void two_weak_keywords_reach_the_threshold() {
            Triage triage = triage("Giveaway time! DM me to win");
            assertTrue(triage.spam());
            assertEquals("suppressed as spam: \"giveaway\", \"dm me\"", triage.reasons().get(0));
        }

        @Test
        void a_single_weak_keyword_under_the_threshold_does_not_suppress() {
            Triage triage = triage("Where do I enter the promo code on my invoice?");
            assertFalse(triage.spam());
            assertEquals("billing_issue", triage.intent());
        }

        @Test
        void one_pattern_match_alone_reaches_the_threshold() {
            Triage triage = triage("join t.me/free_money_now");
            assertTrue(triage.spam());
            assertEquals("suppressed as spam: pattern \"t.me/free_money_now\"", triage.reasons().get(0));
        }

        @Test
        void a_lookalike_link_alone_suppresses_even_a_billing_complaint() {
            Triage triage = triage("Your refund is ready, claim it at acmec1oud-refund.com");
            assertTrue(triage.spam());
            assertEquals(TriageFixtures.SPAM_INTENT, triage.intent());
            assertEquals(Priority.P4, triage.priority());
            assertEquals("suppressed as spam: lookalike link acmec1oud-refund.com", triage.reasons().get(0));
        }

        @Test
        void a_link_to_the_official_domain_is_not_spam() {
            Triage triage = triage("https://status.acmecloud.com says all green but the app is down");
            assertFalse(triage.spam());
            assertEquals("outage_report", triage.intent());
        }

        @Test
        void suppressed_spam_keeps_its_sensitive_flags_and_stays_human_only() {
            Triage triage = triage("Airdrop giveaway, WhatsApp +44 20 7946 0958");
            assertTrue(triage.spam());
            assertEquals(Set.of(SensitiveFlag.PERSONAL_DATA), triage.sensitive());
            assertTrue(triage.humanOnly());
        }

        @Test
        void a_post_with_self_harm_language_is_never_suppressed_as_spam() {
            Triage triage = triage("Airdrop giveaway scam took everything, I want to die");
            assertFalse(triage.spam(), "spam rules matched, but a person must see it");
            assertTrue(triage.sensitive().contains(SensitiveFlag.SELF_HARM));
            assertEquals(Priority.P1, triage.priority());
        }

        @Test
        void a_brand_mention_followed_by_a_full_stop_is_not_a_lookalike_link() {
            Triage triage = triage("Thanks @AcmeCloud.Great support as always");
            assertFalse(triage.spam(), triage.reasons().toString());
            assertEquals("praise", triage.intent());
        }
    }

    @Nested
    class IntentFromFlags {

        private final TriageRules rules = new TriageRules(TriageFixtures.intents().stream()
                .map(intent -> switch (intent.name()) {
                    case "billing_issue" -> new TriageRules.IntentRule(intent.name(), intent.keywords(), intent.risk(),
                            Set.of(SensitiveFlag.FRAUD), Set.of());
                    case "praise" -> new TriageRules.IntentRule(intent.name(), intent.keywords(), intent.risk(),
                            Set.of(), Set.of(SensitiveFlag.SELF_HARM));
                    default -> intent;
                }).toList(), TriageFixtures.SPAM_INTENT, 0.3, TriageFixtures.spamRules(),
                TriageFixtures.sensitiveKeywords(), TriageFixtures.weights(), TriageFixtures.LANGUAGES, Set.of(),
                Set.of(), new TriageRules.AutoReply(Set.of("praise"), 0.3));

        private Triage triage(IntentClassifier classifier, String text) {
            ToneReader tones = new ToneReader(List.of("thank*", "love"), Set.of("billing_issue", "bug_report"), "praise",
                    null, new ExampleIndex(), Set.of("en"), 1);
            return new CarebotTriageEngine(rules, TriageFixtures.personalData(), TriageFixtures.languages(), classifier,
                    SemanticFlags.none(), tones).triage(post(text));
        }

        @Test
        void thanks_beside_self_harm_language_is_not_praise_but_the_complaint_the_classifier_found_next() {
            IntentClassifier thanksFirst = (text, folded) -> new IntentClassifier.IntentGuess("praise", 0.45, "test",
                    List.of(new IntentClassifier.Alternative("praise", 0.45),
                            new IntentClassifier.Alternative("bug_report", 0.35)), 0.5);

            Triage triage = triage(thanksFirst, "thanks to your bug my thesis is gone, I want to die");

            assertEquals("bug_report", triage.intent());
            assertEquals(0.35, triage.intentConfidence());
            assertEquals(Tone.Sentiment.NEGATIVE, triage.tone().sentiment(), "read as the complaint it is, not as thanks");
            assertTrue(triage.reasons().contains("negative sentiment (+1)"), triage.reasons().toString());
        }

        @Test
        void a_fraud_accusation_the_classifier_was_unsure_of_goes_to_billing_with_billing_risk() {
            IntentClassifier unsure = (text, folded) -> new IntentClassifier.IntentGuess(Triage.OTHER, 0.2, "test",
                    List.of(new IntentClassifier.Alternative("bug_report", 0.2),
                            new IntentClassifier.Alternative("billing_issue", 0.15)), 0.3);

            Triage triage = triage(unsure, "they stole my money, it's fraud");

            assertEquals("billing_issue", triage.intent());
            assertTrue(triage.reasons().contains("billing_issue (+2)"), triage.reasons().toString());
            assertTrue(triage.humanOnly());
        }
    }

    @Nested
    class SensitiveContent {

        @Test
        void a_legal_threat_is_flagged_and_human_only() {
            Triage triage = triage("If this isn't fixed by Friday I'm calling my LAWYER");
            assertEquals(Set.of(SensitiveFlag.LEGAL_THREAT), triage.sensitive());
            assertTrue(triage.humanOnly());
            assertEquals(List.of("legal threat (+3)"), triage.reasons());
            assertEquals(Priority.P3, triage.priority());
        }

        @Test
        void a_legal_threat_is_found_in_other_languages() {
            assertEquals(Set.of(SensitiveFlag.LEGAL_THREAT), triage("Voy a hablar con mi abogado").sensitive());
            assertEquals(Set.of(SensitiveFlag.LEGAL_THREAT), triage("Mein Anwalt meldet sich").sensitive());
        }

        @Test
        void self_harm_is_flagged_human_only_and_p1_with_a_reason_that_says_so() {
            Triage triage = triage("I can't go on like this, I want to die");
            assertEquals(Set.of(SensitiveFlag.SELF_HARM), triage.sensitive());
            assertTrue(triage.humanOnly());
            assertEquals(Priority.P1, triage.priority());
            assertTrue(triage.reasons().get(0).contains("self harm"), triage.reasons().toString());
            assertEquals("self harm (+7)", triage.reasons().get(0));
        }

        @Test
        void self_harm_typed_with_a_typographic_apostrophe_is_still_flagged() {
            Triage triage = triage("I can\u2019t go on");
            assertEquals(Set.of(SensitiveFlag.SELF_HARM), triage.sensitive());
            assertEquals(Priority.P1, triage.priority());
        }

        @Test
        void personal_data_in_the_post_is_flagged_and_human_only() {
            Triage triage = triage("Please call me back on +44 20 7946 0958");
            assertEquals(Set.of(SensitiveFlag.PERSONAL_DATA), triage.sensitive());
            assertTrue(triage.humanOnly());
            assertEquals(List.of("personal data (+2)"), triage.reasons());
        }

        @Test
        void several_flags_add_their_points() {
            Triage triage = triage("My lawyer says this is fraud");
            assertEquals(Set.of(SensitiveFlag.LEGAL_THREAT, SensitiveFlag.FRAUD), triage.sensitive());
            assertEquals(Priority.P2, triage.priority());
            assertTrue(triage.reasons().containsAll(List.of("legal threat (+3)", "fraud (+3)")),
                    triage.reasons().toString());
        }

        @Test
        void a_card_number_failing_luhn_raises_no_flag() {
            Triage triage = triage("Charged twice on 4111 1111 1111 1112");
            assertEquals(Set.of(), triage.sensitive());
        }
    }

    @Nested
    class PriorityReasons {

        @Test
        void the_intent_risk_is_a_reason_with_its_points() {
            Triage triage = triage("The app is down");
            assertEquals(List.of("outage_report (+3)"), triage.reasons());
            assertEquals(Priority.P3, triage.priority());
        }

        @Test
        void a_low_risk_intent_stays_p4_with_its_reason() {
            Triage triage = triage("Found a bug in the export");
            assertEquals(List.of("bug_report (+1)"), triage.reasons());
            assertEquals(Priority.P4, triage.priority());
        }

        @Test
        void a_zero_risk_intent_gives_no_risk_signals() {
            Triage triage = triage("Thank you, great team");
            assertEquals("praise", triage.intent());
            assertEquals(List.of("no risk signals"), triage.reasons());
            assertEquals(Priority.P4, triage.priority());
        }

        @ParameterizedTest(name = "{0} followers -> {1}")
        @CsvSource({
                "2100000, '2.1M followers (+3)', P2",
                "1000000, '1M followers (+3)', P2",
                "150000, '150k followers (+2)', P3",
                "15300, '15.3k followers (+1)', P3"})
        void the_highest_follower_tier_reached_adds_its_points(long followers, String reason, Priority priority) {
            Triage triage = triage("Found a bug in the export", author("7", "@someone", followers, null));
            assertEquals(Set.of(reason, "bug_report (+1)"), Set.copyOf(triage.reasons()));
            assertEquals(priority, triage.priority());
        }

        @Test
        void followers_below_the_lowest_tier_add_nothing() {
            Triage triage = triage("The app is down", author("7", "@someone", 9_999L, null));
            assertEquals(List.of("outage_report (+3)"), triage.reasons());
        }

        @Test
        void a_verified_author_adds_points() {
            Triage triage = triage("The app is down", author("7", "@someone", null, true));
            assertEquals(List.of("outage_report (+3)", "verified author (+1)"), triage.reasons());
            assertEquals(Priority.P2, triage.priority());
        }

        @Test
        void an_author_not_verified_adds_nothing() {
            assertEquals(List.of("outage_report (+3)"),
                    triage("The app is down", author("7", "@someone", null, false)).reasons());
        }

        @Test
        void a_vip_is_recognised_by_handle_case_insensitively() {
            Triage triage = triage("Hello there", author("7", "@BigBank_IT", null, null));
            assertEquals(List.of("VIP author (+3)"), triage.reasons());
            assertEquals(Priority.P3, triage.priority());
        }

        @Test
        void a_vip_is_recognised_by_author_id() {
            assertEquals(List.of("VIP author (+3)"),
                    triage("Hello there", author("42", "@someone_else", null, null)).reasons());
        }

        @Test
        void signals_add_up_to_p1_and_reasons_come_most_points_first() {
            Triage triage = triage("I can't go on, the app is down",
                    author("42", "@bigbank_it", 2_100_000L, true));
            assertEquals(Priority.P1, triage.priority());
            assertEquals(List.of("self harm (+7)", "outage_report (+3)", "2.1M followers (+3)", "VIP author (+3)",
                    "verified author (+1)"), triage.reasons());
        }

        @Test
        void reach_alone_can_make_an_outage_p1() {
            Triage triage = triage("The app is down", author("7", "@someone", 1_500_000L, true));
            assertEquals(Priority.P1, triage.priority());
        }

        @Test
        void compact_counts_read_like_people_write_them() {
            assertEquals("2.1M", CarebotTriageEngine.compactCount(2_100_000));
            assertEquals("1M", CarebotTriageEngine.compactCount(1_000_000));
            assertEquals("15.3k", CarebotTriageEngine.compactCount(15_300));
            assertEquals("10k", CarebotTriageEngine.compactCount(10_000));
            assertEquals("999", CarebotTriageEngine.compactCount(999));
        }

        @Test
        void a_count_just_under_a_million_rounds_up_to_1M() {
            assertEquals("1M", CarebotTriageEngine.compactCount(999_999));
        }
    }

    @Nested
    class HumanOnly {

        @Test
        void a_human_only_intent_needs_a_person_even_without_sensitive_flags() {
            Triage triage = triage("I'm a journalist writing about yesterday");
            assertEquals("pr_risk", triage.intent());
            assertEquals(Set.of(), triage.sensitive());
            assertTrue(triage.humanOnly());
        }

        @Test
        void abuse_reports_are_human_only() {
            Triage triage = triage("Someone is impersonating your support staff");
            assertEquals("abuse_report", triage.intent());
            assertTrue(triage.humanOnly());
        }

        @Test
        void only_a_confident_allowlisted_intent_without_flags_may_be_answered_by_the_bot() {
            assertFalse(triage("Thanks, I love the new dashboard").humanOnly());
            assertTrue(triage("The app is down").humanOnly(), "outages are not on the auto-reply list");
            assertTrue(triage("Thanks, but my lawyer will sue you").humanOnly(), "a flag overrides the list");
        }

        @Test
        void a_post_with_a_human_keyword_is_never_answered_by_the_bot() {
            CarebotTriageEngine withHumanKeywords = TriageFixtures.engine(
                    TriageFixtures.rules(0.3, List.of("is it true", "rumour*")));
            String question = "Thanks, I love the new dashboard. Is it true you're shutting down?";

            Triage asked = withHumanKeywords.triage(post(question));

            assertEquals("praise", asked.intent());
            assertEquals(Set.of(), asked.sensitive());
            assertTrue(asked.humanOnly(), "only a person can say whether a rumour is true");
            assertFalse(engine.triage(post(question)).humanOnly(), "without the keyword list the same post may be");
            assertTrue(withHumanKeywords.triage(post("Thanks, love the dashboard, ignore the rumours")).humanOnly(),
                    "a trailing * matches a prefix");
            assertFalse(withHumanKeywords.triage(post("Thanks, I love the new dashboard")).humanOnly());
        }
    }

    @Nested
    class Language {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource({
                "en, 'The app has been down since this morning, nothing loads'",
                "es, 'La aplicación no funciona desde esta mañana, no carga nada'",
                "de, 'Die App funktioniert seit heute Morgen nicht, nichts lädt'",
                "fr, 'L''application est en panne depuis ce matin, rien ne charge'"})
        void the_language_is_detected(String language, String text) {
            assertEquals(language, triage(text).language());
        }

        @Test
        void text_without_words_is_undetermined_and_still_triaged() {
            Triage triage = triage("12345 !!!");
            assertEquals(Triage.UNDETERMINED_LANGUAGE, triage.language());
            assertEquals(Triage.OTHER, triage.intent());
        }

        @Test
        void an_empty_post_is_undetermined_other_and_p4() {
            Triage triage = triage("");
            assertEquals(Triage.UNDETERMINED_LANGUAGE, triage.language());
            assertEquals(Triage.OTHER, triage.intent());
            assertEquals(Priority.P4, triage.priority());
        }

        @Test
        void spam_is_language_tagged_too() {
            Triage triage = triage("Gewinnspiel! Jetzt mitmachen und gewinnen, Sorteo gratis");
            assertTrue(triage.spam());
            assertFalse(triage.language().isBlank());
        }
    }
}
