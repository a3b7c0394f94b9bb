package org.carebot.bot.digest;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.cards.CardActions;
import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Suppressed posts are listed once a day in their queue's channel; Restore turns one into a case. */
class DigestTest {

    private static void post(TestCarebot carebot, String id, String text) {
        carebot.postJson("/api/posts", """
                {"platform":"x","id":"%s","text":"%s","author":{"id":"s%s","handle":"@promo_%s"}}"""
                .formatted(id, text, id, id), TestCarebot.API_TOKEN);
    }

    private static String restoreRequest(long postId, String user, String channel) {
        return org.carebot.bot.support.SlackRequests.postButtonPress(CardActions.RESTORE_POST, postId, user, channel);
    }

    @Test
    void suppressed_posts_are_listed_once_a_day_and_restore_opens_a_case() {
        try (FakeSlack slack = new FakeSlack(); TestCarebot carebot = TestCarebot.start(slack)) {
            String general = carebot.config.requireQueue("general").slackChannel();
            post(carebot, "d1", "FREE crypto giveaway!! send 0.1 ETH get 1 ETH back, DM me");
            post(carebot, "d2", "Claim your refund at acmec1oud-refund.com, write me at promo@example.com");
            carebot.awaitQuiet();

            assertEquals(1, carebot.carebot().sendDigests());
            assertEquals(0, carebot.carebot().sendDigests(), "one digest per queue per day");
            await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").stream()
                    .anyMatch(call -> call.get("blocks").contains(CardActions.RESTORE_POST)));
            Map<String, String> digest = slack.calls("chat.postMessage").stream()
                    .filter(call -> call.get("blocks").contains(CardActions.RESTORE_POST)).findFirst().orElseThrow();
            assertEquals(general, digest.get("channel"));
            assertTrue(digest.get("text").contains("2 posts"), digest.get("text"));
            assertTrue(digest.get("blocks").contains("[email hidden]"), "personal data masked in the digest too");
            assertFalse(digest.get("blocks").contains("promo@example.com"));

            Matcher values = Pattern.compile("\"value\":\"(\\d+)\"").matcher(digest.get("blocks"));
            assertTrue(values.find());
            long postId = Long.parseLong(values.group(1));
            carebot.send(org.carebot.bot.support.SlackRequests.signedNow(carebot.url("/slack/events"),
                    restoreRequest(postId, "UAGENT001", "C0ELSEWHERE")));
            assertEquals(0, carebot.cases("").get("count").asInt(), "restore is for the queue's own channel");

            carebot.send(org.carebot.bot.support.SlackRequests.signedNow(carebot.url("/slack/events"),
                    restoreRequest(postId, "UAGENT001", general)));
            carebot.awaitQuiet();

            JsonNode kase = carebot.cases("").get("cases").get(0);
            assertEquals("general", kase.get("queue").asText());
            assertEquals("other", kase.get("intent").asText(), "a person tags what triage called spam");
            JsonNode detail = carebot.caseDetail(kase.get("id").asLong());
            List<String> actions = StreamSupport.stream(detail.get("events").spliterator(), false)
                    .map(e -> e.get("action").asText()).toList();
            assertEquals(List.of("case_opened", "restored"), actions);
            String heldBackAs = detail.get("events").get(1).get("detail").asText();
            assertTrue(heldBackAs.startsWith("held back as: "), heldBackAs);
            String spamReason = heldBackAs.substring("held back as: ".length());
            List<String> reasons = StreamSupport.stream(detail.get("priority_reasons").spliterator(), false)
                    .map(JsonNode::asText).toList();
            assertFalse(reasons.contains(spamReason), "the case's reasons are a customer post's: " + reasons);
            // The digest lists the newest first: d2, with an email address.
            assertTrue(reasons.contains("personal data (+2)"), "the post's own risk, scored afresh: " + reasons);
            boolean storedAsSpam = org.jdbi.v3.core.Jdbi.create(carebot.dbUrl).withHandle(handle -> handle
                    .createQuery("SELECT spam FROM triages WHERE post_id = :id").bind("id", postId)
                    .mapTo(Boolean.class).one());
            assertFalse(storedAsSpam, "a restored post counts as a customer's post from then on");
        }
    }

    private static JsonNode care(TestCarebot carebot, String text, String channel) {
        var response = carebot.send(org.carebot.bot.support.SlackRequests.signedNow(carebot.url("/slack/events"),
                org.carebot.bot.support.SlackRequests.slashCommand("/care", text, "UAGENT001", channel)));
        assertEquals(200, response.statusCode(), response.body());
        return TestCarebot.json(response.body());
    }

    private static List<Long> restoreButtons(JsonNode answer) {
        List<Long> ids = new java.util.ArrayList<>();
        Matcher values = Pattern.compile("\"action_id\":\"" + Pattern.quote(CardActions.RESTORE_POST)
                + "\",\"value\":\"(\\d+)\"|\"value\":\"(\\d+)\",\"action_id\":\""
                + Pattern.quote(CardActions.RESTORE_POST) + "\"").matcher(answer.path("blocks").toString());
        while (values.find()) ids.add(Long.parseLong(values.group(1) != null ? values.group(1) : values.group(2)));
        return ids;
    }

    @Test
    void care_held_pages_through_every_post_held_back_in_a_queue_and_each_can_be_restored() {
        try (FakeSlack slack = new FakeSlack(); TestCarebot carebot = TestCarebot.start(slack)) {
            String general = carebot.config.requireQueue("general").slackChannel();
            String tech = carebot.config.requireQueue("tech").slackChannel();
            for (int i = 0; i < 30; i++) post(carebot, "h" + i, "FREE crypto giveaway!! send 0.1 ETH get 1 ETH back, DM me #" + i);
            carebot.awaitQuiet();

            JsonNode first = care(carebot, "held", general);
            List<Long> firstPage = restoreButtons(first);
            assertEquals(25, firstPage.size(), first.toString());
            assertTrue(first.get("blocks").toString().contains("/care held 2"), "says how to see the older ones");
            JsonNode second = care(carebot, "held 2", general);
            List<Long> secondPage = restoreButtons(second);
            assertEquals(5, secondPage.size(), second.toString());
            assertTrue(java.util.Collections.disjoint(firstPage, secondPage), "no post twice");

            assertTrue(care(carebot, "held 3", general).get("text").asText().contains("past the last"));
            assertTrue(care(carebot, "held two", general).get("text").asText().contains("the page is a number"));
            assertTrue(care(carebot, "held", tech).get("text").asText().contains("Nothing was held back"));
            assertTrue(care(carebot, "held", "C0ELSEWHERE").get("text").asText().contains("run it there"));

            carebot.send(org.carebot.bot.support.SlackRequests.signedNow(carebot.url("/slack/events"),
                    restoreRequest(secondPage.get(4), "UAGENT001", general)));
            carebot.awaitQuiet();
            assertEquals(1, carebot.cases("").get("count").asInt(), "the oldest held-back post, restored from page 2");
            assertEquals(29, restoreButtons(care(carebot, "held", general)).size()
                    + restoreButtons(care(carebot, "held 2", general)).size());
        }
    }
}
