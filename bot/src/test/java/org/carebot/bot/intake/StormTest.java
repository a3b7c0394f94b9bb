package org.carebot.bot.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An outage storm opens one incident whose alert reaches engineering and comms together and grows in place. */
class StormTest {

    private static final String[] PLATFORMS = {"x", "instagram", "discord", "facebook", "tiktok"};

    private static void post(TestCarebot carebot, int n) {
        String platform = PLATFORMS[n % PLATFORMS.length];
        carebot.postJson("/api/posts", """
                {"platform":"%s","id":"storm-%d","text":"is @AcmeCloud down?? nothing loads, 503 everywhere %s",
                 "author":{"id":"u%d","handle":"@user%d"}}""".formatted(platform, n, "!".repeat(n % 3), n, n),
                TestCarebot.API_TOKEN);
    }

    @Test
    void a_storm_opens_one_incident_alerting_engineering_and_comms_together_updated_in_place() {
        try (FakeSlack slack = new FakeSlack(); TestCarebot carebot = TestCarebot.start(slack)) {
            String engineering = carebot.config.escalationTarget("engineering").orElseThrow().slackChannel();
            String comms = carebot.config.escalationTarget("comms").orElseThrow().slackChannel();
            for (int n = 0; n < 10; n++) post(carebot, n);
            carebot.awaitQuiet();

            JsonNode cases = carebot.cases("").get("cases");
            assertEquals(1, cases.size(), "ten repeats, one case");
            long caseId = cases.get(0).get("id").asLong();
            List<String> actions = StreamSupport.stream(carebot.caseDetail(caseId).get("events").spliterator(), false)
                    .map(e -> e.get("action").asText()).toList();
            assertEquals(1, actions.stream().filter("storm_detected"::equals).count(), actions.toString());
            assertEquals(1, actions.stream().filter("priority_raised"::equals).count(), "ten posts: one level up");
            JsonNode detail = carebot.caseDetail(caseId);
            String firstPriority = detail.get("priority_reasons").toString();
            assertEquals("P1", detail.get("priority").asText(), "raised from P2 (" + firstPriority + ")");

            await().atMost(Duration.ofSeconds(15)).until(() -> alerts(slack, engineering).size() == 1
                    && !alerts(slack, comms).isEmpty());
            assertTrue(alerts(slack, engineering).get(0).get("blocks").contains("posts in 10 min"));

            for (int n = 10; n < 14; n++) post(carebot, n);
            carebot.awaitQuiet();
            await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.update").stream()
                    .anyMatch(call -> call.get("channel").equals(engineering) && call.get("blocks").contains("Storm: 14 ")));
            assertEquals(1, slack.calls("chat.postMessage").stream()
                    .filter(call -> call.get("channel").equals(engineering)).count(), "one alert, updated in place");
            String latest = slack.calls("chat.update").stream().filter(call -> call.get("channel").equals(engineering))
                    .reduce((a, b) -> b).orElseThrow().get("blocks");
            assertTrue(latest.contains("X 3") && latest.contains("Instagram 3") && latest.contains("Discord 3"), latest);
        }
    }

    @Test
    void a_storm_that_goes_on_after_its_case_is_resolved_alerts_again_for_the_case_now_worked() {
        try (FakeSlack slack = new FakeSlack(); TestCarebot carebot = TestCarebot.start(slack)) {
            String engineering = carebot.config.escalationTarget("engineering").orElseThrow().slackChannel();
            for (int n = 0; n < 10; n++) post(carebot, n);
            carebot.awaitQuiet();
            JsonNode first = carebot.cases("").get("cases").get(0);
            long firstCase = first.get("id").asLong();
            carebot.send(org.carebot.bot.support.SlackRequests.signedNow(carebot.url("/slack/events"),
                    org.carebot.bot.support.SlackRequests.buttonPress(org.carebot.bot.cards.CardActions.RESOLVE,
                            firstCase, "UAGENT001", carebot.config.requireQueue(first.get("queue").asText())
                                    .slackChannel())));
            carebot.awaitQuiet();

            for (int n = 10; n < 25; n++) post(carebot, n);
            carebot.awaitQuiet();

            long secondCase = StreamSupport.stream(carebot.cases("").get("cases").spliterator(), false)
                    .mapToLong(kase -> kase.get("id").asLong()).filter(id -> id != firstCase).findFirst().orElseThrow();
            List<String> actions = StreamSupport.stream(carebot.caseDetail(secondCase).get("events").spliterator(),
                    false).map(e -> e.get("action").asText()).toList();
            assertEquals(1, actions.stream().filter("storm_detected"::equals).count(), actions.toString());
            await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.postMessage").stream()
                    .filter(call -> call.get("channel").equals(engineering) && call.get("blocks").contains("Storm:"))
                    .count() == 2);
            assertTrue(slack.calls("chat.postMessage").stream()
                    .filter(call -> call.get("channel").equals(engineering)).reduce((a, b) -> b).orElseThrow()
                    .get("blocks").contains("#" + secondCase), "the new alert points to the case now worked");
        }
    }

    @Test
    void a_wave_of_an_intent_config_does_not_list_pages_nobody() {
        try (FakeSlack slack = new FakeSlack(); TestCarebot carebot = TestCarebot.start(slack)) {
            String engineering = carebot.config.escalationTarget("engineering").orElseThrow().slackChannel();
            for (int n = 0; n < 12; n++) {
                carebot.postJson("/api/posts", """
                        {"platform":"%s","id":"wish-%d","text":"please add a dark mode to the desktop app%s",
                         "author":{"id":"w%d","handle":"@wisher%d"}}""".formatted(PLATFORMS[n % PLATFORMS.length], n,
                        "!".repeat(n % 3), n, n), TestCarebot.API_TOKEN);
            }
            carebot.awaitQuiet();

            JsonNode cases = carebot.cases("").get("cases");
            assertEquals(1, cases.size(), "twelve repeats, one case");
            assertEquals("feature_request", cases.get(0).get("intent").asText());
            List<String> actions = StreamSupport.stream(carebot.caseDetail(cases.get(0).get("id").asLong())
                    .get("events").spliterator(), false).map(e -> e.get("action").asText()).toList();
            assertFalse(actions.contains("storm_detected"), actions.toString());
            String queueChannel = carebot.config.requireQueue(cases.get(0).get("queue").asText()).slackChannel();
            await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.postMessage").stream()
                    .anyMatch(call -> call.get("channel").equals(queueChannel)));
            assertTrue(alerts(slack, engineering).isEmpty(), "feature_request is not in storms.intents");
        }
    }

    private static List<Map<String, String>> alerts(FakeSlack slack, String channel) {
        List<Map<String, String>> all = new java.util.ArrayList<>(slack.calls("chat.postMessage"));
        all.addAll(slack.calls("chat.update"));
        return all.stream().filter(call -> call.get("channel").equals(channel) && call.get("blocks").contains("Storm:")).toList();
    }
}
