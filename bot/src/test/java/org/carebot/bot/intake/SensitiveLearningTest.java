package org.carebot.bot.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.cards.CardActions;
import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.SlackRequests;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person's word on a card's sensitive flags: a missed flag added, a wrong one cleared. The case changes, the audit
 * trail says who did it, and the engine learns from it for the next similar post, also after a restart.
 */
class SensitiveLearningTest {

    // Posts the shipped engine reads wrong (checked with the triage CLI): a spark from a plug is a safety incident it
    // misses; a customer asking whether a rumour is true is not spreading misinformation, yet it is flagged so.
    private static final String SPARKING_PLUG = "the acme hub's plug sparked a little when I unplugged it";
    private static final String SPARKING_AGAIN = "acme hub plug sparked a little again when i unplugged it";
    private static final String SPARKING_AFTER_RESTART = "my acme hub's plug sparked a little when i unplugged it";
    // Neither says a misinformation keyword ("rumour" would flag it whatever a person taught): resemblance alone.
    private static final String CLOSURE_QUESTION = "a friend says acme will close all free accounts next month, is that true?";
    private static final String CLOSURE_AGAIN = "is it true acme will close all free accounts next month?";

    private static void post(TestCarebot carebot, String id, String text) {
        carebot.postJson("/api/posts", """
                {"platform":"x","id":"%s","text":"%s","author":{"id":"a%s","handle":"@someone_%s"}}"""
                .formatted(id, text, id, id), TestCarebot.API_TOKEN);
        carebot.awaitQuiet();
    }

    private static JsonNode caseOf(TestCarebot carebot, String postId) {
        return StreamSupport.stream(carebot.cases("limit=100").get("cases").spliterator(), false)
                .filter(c -> c.get("post").get("id").asText().equals(postId)).findFirst()
                .orElseThrow(() -> new AssertionError("no case for post " + postId));
    }

    private static List<String> flags(JsonNode kase) {
        return StreamSupport.stream(kase.get("sensitive").spliterator(), false).map(JsonNode::asText).toList();
    }

    private static void choose(TestCarebot carebot, JsonNode kase, String actionId, String value) {
        String channel = carebot.config.requireQueue(kase.get("queue").asText()).slackChannel();
        carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"),
                SlackRequests.selectChoice(actionId, kase.get("id").asLong(), value, "UAGENT001", channel)));
    }

    /** Resolved, a case takes no repeats: the next similar post opens a case of its own to show its flags. */
    private static void resolve(TestCarebot carebot, JsonNode kase) {
        String channel = carebot.config.requireQueue(kase.get("queue").asText()).slackChannel();
        carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"),
                SlackRequests.buttonPress(CardActions.RESOLVE, kase.get("id").asLong(), "UAGENT001", channel)));
    }

    @Test
    void a_flag_a_person_adds_is_on_the_case_and_on_the_next_similar_post_even_after_a_restart(@TempDir Path dir) {
        String dbUrl = "jdbc:h2:file:" + dir.resolve("carebot").toAbsolutePath();
        try (FakeSlack slack = new FakeSlack()) {
            try (TestCarebot carebot = TestCarebot.start(slack, dbUrl)) {
                post(carebot, "s1", SPARKING_PLUG);
                JsonNode first = caseOf(carebot, "s1");
                assertEquals(List.of(), flags(first), "the engine's own reading, before any lesson");

                choose(carebot, first, CardActions.SENSITIVE, "+safety");
                JsonNode flagged = carebot.caseDetail(first.get("id").asLong());
                assertEquals(List.of("safety"), flags(flagged));
                assertTrue(flagged.get("human_only").asBoolean(), "a flag makes a person's approval mandatory");
                assertTrue(flagged.toString().contains("flag_added"), flagged.toString());
                assertEquals("trust_safety", flagged.get("queue").asText(), "routed as triage would have routed it");
                assertTrue(flagged.get("priority").asText().compareTo(first.get("priority").asText()) < 0,
                        first.get("priority") + " -> " + flagged.get("priority"));
                await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.update").stream()
                        .anyMatch(call -> call.get("blocks").contains("flagged it: safety")));
                resolve(carebot, flagged);

                post(carebot, "s2", SPARKING_AGAIN);
                assertEquals(List.of("safety"), flags(caseOf(carebot, "s2")));
                resolve(carebot, caseOf(carebot, "s2"));
            }
            try (TestCarebot restarted = TestCarebot.start(slack, dbUrl)) {
                post(restarted, "s3", SPARKING_AFTER_RESTART);
                assertEquals(List.of("safety"), flags(caseOf(restarted, "s3")));
            }
        }
    }

    @Test
    void a_flag_a_person_clears_leaves_the_case_and_no_longer_flags_similar_posts_by_resemblance() {
        try (FakeSlack slack = new FakeSlack(); TestCarebot untaught = TestCarebot.start(slack)) {
            post(untaught, "m0", CLOSURE_AGAIN);
            assertEquals(List.of("misinformation"), flags(caseOf(untaught, "m0")), "flagged when nobody taught otherwise");
        }
        try (FakeSlack slack = new FakeSlack(); TestCarebot carebot = TestCarebot.start(slack)) {
            post(carebot, "m1", CLOSURE_QUESTION);
            JsonNode first = caseOf(carebot, "m1");
            assertEquals(List.of("misinformation"), flags(first), "a question about a rumour reads like one");

            choose(carebot, first, CardActions.SENSITIVE, "-misinformation");
            JsonNode cleared = carebot.caseDetail(first.get("id").asLong());
            assertEquals(List.of(), flags(cleared));
            assertTrue(cleared.get("human_only").asBoolean(), "a reply still waits for a person: one has looked");
            assertTrue(cleared.toString().contains("flag_cleared"), cleared.toString());
            resolve(carebot, first);

            post(carebot, "m2", CLOSURE_AGAIN);
            assertEquals(List.of(), flags(caseOf(carebot, "m2")));
        }
    }

    @Test
    void personal_data_and_unknown_flags_are_refused_and_change_nothing() {
        try (FakeSlack slack = new FakeSlack(); TestCarebot carebot = TestCarebot.start(slack)) {
            post(carebot, "p1", "my email is dana.k@example.com and the export still fails");
            JsonNode kase = caseOf(carebot, "p1");

            choose(carebot, kase, CardActions.SENSITIVE, "-personal_data");
            choose(carebot, kase, CardActions.SENSITIVE, "+no_such_flag");
            choose(carebot, kase, CardActions.SENSITIVE, "-legal_threat");

            JsonNode after = carebot.caseDetail(kase.get("id").asLong());
            assertEquals(List.of("personal_data"), flags(after));
            assertTrue(after.toString().contains("Personal data is found by patterns"), after.toString());
            assertTrue(after.toString().contains("is not flagged legal threat"), after.toString());
        }
    }
}
