package org.carebot.bot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.cards.CardActions;
import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.SlackRequests;
import org.carebot.bot.support.TelegramUpdates;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlackActionsTest {

    private static final String AGENT = "UAGENT001";
    private FakeSlack slack;
    private TestCarebot carebot;
    private String techChannel;
    private String billingChannel;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        carebot = TestCarebot.start(slack);
        techChannel = carebot.config.requireQueue("tech").slackChannel();
        billingChannel = carebot.config.requireQueue("billing").slackChannel();
    }

    @AfterEach
    void stop() {
        carebot.close();
        slack.close();
    }

    /** Posts an outage report through the Telegram webhook and waits for its card; returns the case id. */
    private long outageCase(long updateId) {
        return caseFor(updateId, "Acme Cloud is down, everything 503");
    }

    private long caseFor(long updateId, String text) {
        carebot.postTelegram(TelegramUpdates.message(updateId, updateId, text), TestCarebot.TELEGRAM_SECRET);
        carebot.awaitQuiet();
        JsonNode cases = carebot.cases("").get("cases");
        return StreamSupport.stream(cases.spliterator(), false)
                .filter(c -> c.get("post").get("id").asText().endsWith(":" + updateId))
                .findFirst().orElseThrow().get("id").asLong();
    }

    private HttpResponse<String> press(String formBody) {
        return carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"), formBody));
    }

    private List<String> actions(long caseId) {
        return StreamSupport.stream(carebot.caseDetail(caseId).get("events").spliterator(), false)
                .map(e -> e.get("action").asText()).toList();
    }

    @Test
    void claim_is_acked_within_three_seconds_records_the_event_and_updates_the_card_in_place() {
        long caseId = outageCase(101);
        int updatesBefore = slack.calls("chat.update").size();

        long started = System.nanoTime();
        HttpResponse<String> response = press(SlackRequests.buttonPress(CardActions.CLAIM, caseId, AGENT, techChannel));
        Duration ackTime = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(ackTime.compareTo(Duration.ofSeconds(3)) < 0, "acked in " + ackTime);
        JsonNode detail = carebot.caseDetail(caseId);
        assertEquals("claimed", detail.get("state").asText());
        assertEquals(AGENT, detail.get("assignee").asText());
        assertEquals(List.of("case_opened", "claimed"), actions(caseId));
        JsonNode claimed = detail.get("events").get(1);
        assertEquals(AGENT, claimed.get("actor").asText());
        assertTrue(claimed.get("before").asText().contains("\"state\":\"open\""));
        assertTrue(claimed.get("after").asText().contains("\"state\":\"claimed\""));
        assertTrue(detail.get("audit_chain_intact").asBoolean());

        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream().skip(updatesBefore)
                .anyMatch(call -> call.get("channel").equals(techChannel)));
        Map<String, String> update = slack.calls("chat.update").stream().skip(updatesBefore)
                .filter(call -> call.get("channel").equals(techChannel)).findFirst().orElseThrow();
        assertTrue(update.get("blocks").contains("@" + AGENT), update.get("blocks"));
        assertTrue(update.get("ts").matches("\\d{10}\\.000100"), "updates the posted message: " + update.get("ts"));
    }

    @Test
    void retag_moves_the_case_to_the_new_intents_queue_and_the_old_card_says_where_it_went() {
        long caseId = outageCase(102);
        int postsBefore = slack.calls("chat.postMessage").size();

        HttpResponse<String> response = press(SlackRequests.selectChoice(CardActions.RETAG, caseId, "billing_issue",
                AGENT, techChannel));

        assertEquals(200, response.statusCode());
        JsonNode detail = carebot.caseDetail(caseId);
        assertEquals("billing", detail.get("queue").asText());
        assertEquals("billing_issue", detail.get("intent").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").stream()
                .skip(postsBefore).anyMatch(call -> call.get("channel").equals(billingChannel)));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(call -> call.get("channel").equals(techChannel) && call.get("blocks").contains("Moved to Billing")));
        Map<String, String> oldCard = slack.calls("chat.update").stream()
                .filter(call -> call.get("channel").equals(techChannel)).reduce((a, b) -> b).orElseThrow();
        assertTrue(!oldCard.get("blocks").contains("case.claim"), "the moved card has no buttons left");
    }

    @Test
    void a_retag_to_a_riskier_intent_raises_the_priority_as_triage_would_have_set_it() {
        long caseId = caseFor(104, "love the new dark mode, thank you acme 💙");
        JsonNode before = carebot.caseDetail(caseId);
        assertEquals("praise", before.get("intent").asText());
        assertEquals("P4", before.get("priority").asText(), before.get("priority_reasons").toString());

        press(SlackRequests.selectChoice(CardActions.RETAG, caseId, "pr_risk", AGENT,
                carebot.config.requireQueue(before.get("queue").asText()).slackChannel()));

        JsonNode after = carebot.caseDetail(caseId);
        assertEquals("pr_risk", after.get("intent").asText());
        assertEquals("P3", after.get("priority").asText(), "pr_risk weighs 3 points: P3 from 2");
        assertTrue(after.get("priority_reasons").toString().contains("pr_risk (+3)"), after.get("priority_reasons").toString());
        JsonNode retagged = after.get("events").get(after.get("events").size() - 1);
        assertTrue(retagged.get("detail").asText().contains("praise → pr_risk, P4 → P3"), retagged.toString());
    }

    @Test
    void a_flag_cleared_on_a_case_its_cluster_raised_keeps_the_raise() {
        for (int n = 0; n < 10; n++) {
            carebot.postJson("/api/posts", """
                    {"platform":"x","id":"grown-%d","text":"acme deleted my whole photo library, my lawyer will hear about this",
                     "author":{"id":"g%d","handle":"@grown%d"}}""".formatted(n, n, n), TestCarebot.API_TOKEN);
        }
        carebot.awaitQuiet();
        long caseId = carebot.cases("").get("cases").get(0).get("id").asLong();
        JsonNode grown = carebot.caseDetail(caseId);
        assertTrue(actions(caseId).contains("priority_raised"), actions(caseId).toString());
        assertTrue(grown.get("priority_reasons").toString().contains("legal threat"), grown.toString());
        assertEquals("P1", grown.get("priority").asText(), "P2 from legal threat and pr_risk, one level up at ten posts");
        // Comms owns the case and is a storm alert target in the same channel: the alert must not take its buttons.
        assertEquals("comms", grown.get("queue").asText());
        String comms = carebot.config.requireQueue("comms").slackChannel();
        assertTrue(actions(caseId).contains("storm_detected"), actions(caseId).toString());
        List<Map<String, String>> commsCards = java.util.stream.Stream.concat(slack.calls("chat.postMessage").stream(),
                slack.calls("chat.update").stream()).filter(call -> call.get("channel").equals(comms)).toList();
        assertTrue(!commsCards.isEmpty() && commsCards.stream().allMatch(call -> call.get("blocks").contains("case.claim")),
                "every card in comms is the working card: " + commsCards.size());
        assertTrue(commsCards.stream().anyMatch(call -> call.get("blocks").contains("Storm: 10 pr risk posts")),
                "and it shows the storm");

        press(SlackRequests.selectChoice(CardActions.SENSITIVE, caseId, "-legal_threat", AGENT,
                carebot.config.requireQueue(grown.get("queue").asText()).slackChannel()));

        JsonNode cleared = carebot.caseDetail(caseId);
        assertEquals(List.of(), StreamSupport.stream(cleared.get("sensitive").spliterator(), false).toList(), actions(caseId).toString());
        assertEquals("[\"pr_risk (+3)\"]", cleared.get("priority_reasons").toString(), "the first post without the flag: P3");
        assertEquals("P2", cleared.get("priority").asText(), "one level above P3: ten posts still raise it");
        JsonNode event = cleared.get("events").get(cleared.get("events").size() - 1);
        assertEquals("flag_cleared", event.get("action").asText());
        assertTrue(event.get("detail").asText().contains("P1 → P2"), event.toString());
    }

    @Test
    void escalate_by_someone_without_the_role_is_refused_told_and_recorded() {
        long caseId = outageCase(103);

        HttpResponse<String> response = press(SlackRequests.selectChoice(CardActions.ESCALATE, caseId, "legal", AGENT,
                techChannel));

        assertEquals(200, response.statusCode());
        JsonNode detail = carebot.caseDetail(caseId);
        assertEquals("open", detail.get("state").asText());
        assertEquals(List.of("case_opened", "action_refused"), actions(caseId));
        assertTrue(detail.get("events").get(1).get("detail").asText().contains("care_leads"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("chat.postEphemeral").isEmpty());
        Map<String, String> told = slack.calls("chat.postEphemeral").get(0);
        assertEquals(AGENT, told.get("user"));
        assertEquals(techChannel, told.get("channel"));
        assertTrue(told.get("text").contains("care_leads"), told.get("text"));
    }

    @Test
    void escalate_by_a_care_lead_puts_the_card_in_the_targets_channel() {
        long caseId = outageCase(104);
        String legalChannel = carebot.config.escalationTarget("legal").orElseThrow().slackChannel();

        press(SlackRequests.selectChoice(CardActions.ESCALATE, caseId, "legal", TestCarebot.CARE_LEAD, techChannel));

        JsonNode detail = carebot.caseDetail(caseId);
        assertEquals("escalated", detail.get("state").asText());
        assertEquals("legal", detail.get("escalated_to").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(call -> call.get("channel").equals(legalChannel)
                        && call.get("blocks").contains("Escalated here from Tech support")));
    }

    @Test
    void resolve_closes_the_case_and_a_later_claim_is_refused() {
        long caseId = outageCase(105);

        press(SlackRequests.buttonPress(CardActions.RESOLVE, caseId, AGENT, techChannel));
        press(SlackRequests.buttonPress(CardActions.CLAIM, caseId, "UOTHER001", techChannel));

        JsonNode detail = carebot.caseDetail(caseId);
        assertEquals("resolved", detail.get("state").asText());
        assertEquals(List.of("case_opened", "resolved", "action_refused"), actions(caseId));
    }

    @Test
    void a_blocked_author_opens_no_more_cases_while_others_still_do() {
        long caseId = outageCase(107);

        press(SlackRequests.buttonPress(CardActions.BLOCK_AUTHOR, caseId, AGENT, techChannel));
        assertEquals(List.of("case_opened", "action_refused"), actions(caseId), "blocking needs the care_leads role");
        press(SlackRequests.buttonPress(CardActions.BLOCK_AUTHOR, caseId, TestCarebot.CARE_LEAD, techChannel));
        assertTrue(actions(caseId).contains("author_blocked"));

        carebot.postTelegram(TelegramUpdates.message(108, 108, "I was charged twice for my subscription, refund please"),
                TestCarebot.TELEGRAM_SECRET);
        carebot.postJson("/api/posts", """
                {"platform":"telegram","id":"other-1","text":"Locked out of my account, the reset email never comes",
                 "author":{"id":"999","handle":"@someone_else"}}""", TestCarebot.API_TOKEN);
        carebot.awaitQuiet();

        List<String> postIds = StreamSupport.stream(carebot.cases("").get("cases").spliterator(), false)
                .map(c -> c.get("post").get("id").asText()).toList();
        assertTrue(postIds.contains("other-1"), postIds.toString());
        assertTrue(postIds.stream().noneMatch(id -> id.endsWith(":108")), "the blocked author's post opened a case");
        assertTrue(carebot.get("/metrics", null).body().contains("carebot_posts_suppressed_total{platform=\"telegram\"} 1.0"));
    }

    @Test
    void an_unblocked_author_opens_cases_again_and_every_card_of_theirs_offers_the_button_that_applies() {
        long outage = outageCase(109);
        long billing = caseFor(111, "I was charged twice for my subscription, refund please");
        String billingChannel = carebot.config.requireQueue(carebot.caseDetail(billing).get("queue").asText())
                .slackChannel();
        press(SlackRequests.buttonPress(CardActions.BLOCK_AUTHOR, outage, TestCarebot.CARE_LEAD, techChannel));
        await().atMost(Duration.ofSeconds(10)).until(() -> latestCard(techChannel).contains(CardActions.UNBLOCK_AUTHOR)
                && latestCard(billingChannel).contains(CardActions.UNBLOCK_AUTHOR));
        assertFalse(latestCard(techChannel).contains("\"" + CardActions.BLOCK_AUTHOR + "\""), "one of the two at a time");

        // Blocked, then resolved: the resolved card keeps only the way to undo the block.
        press(SlackRequests.buttonPress(CardActions.RESOLVE, outage, AGENT, techChannel));
        await().atMost(Duration.ofSeconds(10)).until(() -> latestCard(techChannel).contains("Resolved"));
        assertTrue(latestCard(techChannel).contains(CardActions.UNBLOCK_AUTHOR), latestCard(techChannel));
        assertFalse(latestCard(techChannel).contains(CardActions.CLAIM), latestCard(techChannel));

        press(SlackRequests.buttonPress(CardActions.UNBLOCK_AUTHOR, outage, AGENT, techChannel));
        assertEquals("action_refused", actions(outage).get(actions(outage).size() - 1), "unblocking needs the block permission");
        press(SlackRequests.buttonPress(CardActions.UNBLOCK_AUTHOR, outage, TestCarebot.CARE_LEAD, techChannel));
        assertTrue(actions(outage).contains("author_unblocked"));
        await().atMost(Duration.ofSeconds(10)).until(() -> latestCard(billingChannel)
                .contains("\"" + CardActions.BLOCK_AUTHOR + "\"") && !latestCard(techChannel).contains(CardActions.UNBLOCK_AUTHOR));

        carebot.postTelegram(TelegramUpdates.message(110, 110, "Locked out of my account, the reset email never comes"),
                TestCarebot.TELEGRAM_SECRET);
        carebot.awaitQuiet();
        assertEquals(3, carebot.cases("").get("count").asInt(), "the author's next post opens a case");
        press(SlackRequests.buttonPress(CardActions.UNBLOCK_AUTHOR, billing, TestCarebot.CARE_LEAD, billingChannel));
        assertEquals("action_refused", actions(billing).get(actions(billing).size() - 1), "not blocked any more");
    }

    /** The blocks of the latest card posted or updated in the channel. */
    private String latestCard(String channel) {
        List<Map<String, String>> calls = new java.util.ArrayList<>(slack.calls("chat.postMessage"));
        calls.addAll(slack.calls("chat.update"));
        return calls.stream().filter(call -> channel.equals(call.get("channel")) && call.get("blocks") != null)
                .reduce((a, b) -> b).map(call -> call.get("blocks")).orElse("");
    }

    @Test
    void a_claim_from_a_channel_without_the_card_is_refused() {
        long caseId = outageCase(106);

        press(SlackRequests.buttonPress(CardActions.CLAIM, caseId, AGENT, "C0SOMEWHERE"));

        assertEquals("open", carebot.caseDetail(caseId).get("state").asText());
        assertEquals(List.of("case_opened", "action_refused"), actions(caseId));
    }

    @Nested
    class Verification {

        @Test
        void a_bad_signature_gives_401_and_changes_nothing() {
            long caseId = outageCase(201);
            String body = SlackRequests.buttonPress(CardActions.CLAIM, caseId, AGENT, techChannel);

            HttpResponse<String> response = carebot.send(SlackRequests.signed(carebot.url("/slack/events"), body,
                    "not-the-signing-secret", System.currentTimeMillis() / 1000));

            assertEquals(401, response.statusCode());
            assertEquals("open", carebot.caseDetail(caseId).get("state").asText());
        }

        @Test
        void a_timestamp_older_than_five_minutes_gives_401_even_when_signed_right() {
            long caseId = outageCase(202);
            String body = SlackRequests.buttonPress(CardActions.CLAIM, caseId, AGENT, techChannel);
            long sixMinutesAgo = System.currentTimeMillis() / 1000 - 6 * 60;

            HttpResponse<String> response = carebot.send(SlackRequests.signed(carebot.url("/slack/events"), body,
                    TestCarebot.SIGNING_SECRET, sixMinutesAgo));

            assertEquals(401, response.statusCode());
            assertEquals("open", carebot.caseDetail(caseId).get("state").asText());
        }
    }

    @Nested
    class CareCommandOverHttp {

        @Test
        void stats_match_the_store() {
            carebot.postTelegram(TelegramUpdates.message(301, 301, "Acme is down for everyone, 503"), TestCarebot.TELEGRAM_SECRET);
            carebot.postTelegram(TelegramUpdates.message(302, 302, "I was charged twice, refund please"), TestCarebot.TELEGRAM_SECRET);
            carebot.postTelegram(TelegramUpdates.message(303, 303, "Locked out, password reset email never arrives"),
                    TestCarebot.TELEGRAM_SECRET);
            carebot.postTelegram(TelegramUpdates.message(304, 304, "App crashes when I open settings"), TestCarebot.TELEGRAM_SECRET);
            carebot.awaitQuiet();
            JsonNode cases = carebot.cases("").get("cases");
            long resolvedId = cases.get(0).get("id").asLong();
            String resolvedQueueChannel = carebot.config.requireQueue(cases.get(0).get("queue").asText()).slackChannel();
            press(SlackRequests.buttonPress(CardActions.RESOLVE, resolvedId, AGENT, resolvedQueueChannel));

            HttpResponse<String> response = press(SlackRequests.slashCommand("/care", "stats", AGENT, techChannel));

            assertEquals(200, response.statusCode(), response.body());
            String text = TestCarebot.json(response.body()).get("text").asText();
            int open = carebot.cases("state=open").get("count").asInt();
            assertEquals(3, open);
            assertTrue(text.contains("*Open cases: " + open + "*"), text);
            for (var queue : carebot.config.queues()) {
                int inQueue = carebot.cases("state=open&queue=" + queue.id()).get("count").asInt();
                assertTrue(text.contains("*" + queue.name() + "*: " + inQueue + " open"), queue.id() + " in\n" + text);
            }
            assertTrue(text.contains("Opened in the last 24 h: 4"), text);
        }

        @Test
        void quality_judges_triage_by_retags_and_resolutions() {
            long retagged = outageCase(401);
            long resolved = caseFor(402, "The app says 502 bad gateway for everyone in our office since 9am, status page is green");
            press(SlackRequests.selectChoice(CardActions.RETAG, retagged, "billing_issue", AGENT, techChannel));
            press(SlackRequests.buttonPress(CardActions.RESOLVE, resolved, AGENT, techChannel));

            String text = TestCarebot.json(press(SlackRequests.slashCommand("/care", "quality", AGENT, techChannel))
                    .body()).get("text").asText();

            assertTrue(text.contains("(2 cases, 1 retagged)"), text);
            assertTrue(text.contains("*outage_report*: precision 50%, recall 100% (1 cases)"), text);
            assertTrue(text.contains("*billing_issue*: precision 0%, recall 0% (1 cases)"), text);
        }

        @Test
        void quality_judges_the_sensitive_flags_by_corrections_on_cards_and_resolutions() {
            long wronglyFlagged = caseFor(411, "my lawyer will sue you over this double charge");
            long missed = caseFor(412, "the acme hub's plug sparked a little when I unplugged it");
            long rightlyFlagged = caseFor(413, "our clinic cannot open patient records since your update this morning");
            press(SlackRequests.selectChoice(CardActions.SENSITIVE, wronglyFlagged, "-legal_threat", AGENT,
                    channelOf(wronglyFlagged)));
            press(SlackRequests.selectChoice(CardActions.SENSITIVE, missed, "+safety", AGENT, channelOf(missed)));
            press(SlackRequests.buttonPress(CardActions.RESOLVE, rightlyFlagged, AGENT, channelOf(rightlyFlagged)));

            String text = TestCarebot.json(press(SlackRequests.slashCommand("/care", "quality", AGENT, techChannel))
                    .body()).get("text").asText();

            assertTrue(text.contains("*Sensitive flags* (3 cases, 2 corrected on their cards)"), text);
            assertTrue(text.contains("*legal_threat*: precision 0%, recall 0% (0 cases)"), text);
            assertTrue(text.contains("*safety*: precision 0%, recall 0% (1 cases)"), text);
            assertTrue(text.contains("*medical*: precision 100%, recall 100% (1 cases)"), text);
            JsonNode audit = carebot.caseDetail(wronglyFlagged).get("events");
            assertTrue(audit.toString().contains("flag_cleared"), audit.toString());
            assertTrue(audit.toString().contains("legal_threat"), "the flags before and after are in the trail");
        }

        private String channelOf(long caseId) {
            return carebot.config.requireQueue(carebot.caseDetail(caseId).get("queue").asText()).slackChannel();
        }

        @Test
        void help_lists_the_commands() {
            HttpResponse<String> response = press(SlackRequests.slashCommand("/care", "help", AGENT, techChannel));

            assertEquals(200, response.statusCode());
            assertTrue(TestCarebot.json(response.body()).get("text").asText().contains("/care stats"));
        }
    }
}
