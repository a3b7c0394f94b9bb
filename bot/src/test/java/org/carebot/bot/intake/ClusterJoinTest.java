package org.carebot.bot.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.cards.CardActions;
import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.SlackRequests;
import org.carebot.bot.support.TelegramUpdates;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One card per real issue: repeats, from any platform, join the open case and its card counts them. */
class ClusterJoinTest {

    private FakeSlack slack;
    private TestCarebot carebot;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        carebot = TestCarebot.start(slack);
    }

    @AfterEach
    void stop() {
        carebot.close();
        slack.close();
    }

    private void post(String platform, String id, String text) {
        carebot.postJson("/api/posts", """
                {"platform":"%s","id":"%s","text":"%s","author":{"id":"a%s","handle":"@user%s"}}"""
                .formatted(platform, id, text, id, id), TestCarebot.API_TOKEN);
    }

    /** A case, the channel of its owner card, and a repeat that triage joined to it but a person may call another bug. */
    private record CaseWithRepeat(long caseId, String channel) {
    }

    private CaseWithRepeat caseWithRepeat(String n) {
        post("x", "18610000000000000" + n, "Export to PDF button does nothing on Android 14, app v4.12");
        carebot.awaitQuiet();
        JsonNode original = carebot.cases("").get("cases").get(0);
        post("instagram", "178657993480890" + n, "Export to PDF button crashes the app on Android 14, app v4.12");
        carebot.awaitQuiet();
        return new CaseWithRepeat(original.get("id").asLong(),
                carebot.config.requireQueue(original.get("queue").asText()).slackChannel());
    }

    /** The post of the case's first post_joined event ("same issue 0.93: post #2 on instagram by ..."). */
    private long joinedPostId(long caseId) {
        String detail = StreamSupport.stream(carebot.caseDetail(caseId).get("events").spliterator(), false)
                .filter(e -> e.get("action").asText().equals("post_joined")).findFirst().orElseThrow()
                .get("detail").asText();
        java.util.regex.Matcher post = java.util.regex.Pattern.compile("post #(\\d+)").matcher(detail);
        assertTrue(post.find(), detail);
        return Long.parseLong(post.group(1));
    }

    private List<String> actions(long caseId) {
        return StreamSupport.stream(carebot.caseDetail(caseId).get("events").spliterator(), false)
                .map(e -> e.get("action").asText()).toList();
    }

    @Test
    void a_repeat_from_another_platform_joins_the_case_and_updates_its_counter_instead_of_posting_a_card() {
        String tech = carebot.config.requireQueue("tech").slackChannel();
        carebot.postTelegram(TelegramUpdates.message(1, 1, "Is @AcmeCloud down?? can't log in, getting 503 errors"),
                TestCarebot.TELEGRAM_SECRET);
        carebot.awaitQuiet();
        long techCards = slack.calls("chat.postMessage").stream().filter(c -> c.get("channel").equals(tech)).count();

        post("x", "1861000000000000001", "Is @AcmeCloud down?? cant log in, getting 503 errors 😡");
        post("instagram", "17865799348089039", "is acmecloud down?? can't log in, getting 503 errors #outage");
        carebot.awaitQuiet();

        JsonNode cases = carebot.cases("").get("cases");
        assertEquals(1, cases.size(), "three posts of one issue, one case");
        long caseId = cases.get(0).get("id").asLong();
        assertEquals(List.of("case_opened", "post_joined", "post_joined"), actions(caseId));
        assertEquals(techCards, slack.calls("chat.postMessage").stream().filter(c -> c.get("channel").equals(tech)).count(),
                "no new card in the tech channel");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(call -> call.get("channel").equals(tech) && call.get("blocks").contains("+2 similar in")));
        String blocks = slack.calls("chat.update").stream().filter(call -> call.get("channel").equals(tech))
                .reduce((a, b) -> b).orElseThrow().get("blocks");
        assertTrue(blocks.contains("Instagram, Telegram, X"), blocks);
    }

    @Test
    void a_repeat_a_person_says_is_another_issue_splits_off_as_its_own_case_and_its_copies_follow_it() {
        CaseWithRepeat joined = caseWithRepeat("10");
        long caseId = joined.caseId();
        String channel = joined.channel();
        assertEquals(1, carebot.cases("").get("count").asInt(), "triage took it for a repeat");
        assertEquals(List.of("case_opened", "post_joined"), actions(caseId));

        // The owner's card lists the repeat with a button that carries the repeat's post id.
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(call -> call.get("channel").equals(channel) && call.get("blocks").contains("crashes the app")));
        String card = slack.calls("chat.update").stream().filter(call -> call.get("channel").equals(channel))
                .reduce((a, b) -> b).orElseThrow().get("blocks");
        assertTrue(card.contains("Instagram · @user17865799348089010"), card);
        java.util.regex.Matcher split = java.util.regex.Pattern.compile("\"action_id\":\"" + CardActions.SPLIT_REPEAT
                + "\",\"value\":\"(\\d+)\"|\"value\":\"(\\d+)\",\"action_id\":\"" + CardActions.SPLIT_REPEAT + "\"")
                .matcher(card);
        assertTrue(split.find(), card);
        long repeatPostId = Long.parseLong(split.group(1) != null ? split.group(1) : split.group(2));

        carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"),
                SlackRequests.postButtonPress(CardActions.SPLIT_REPEAT, repeatPostId, "UAGENT001", "C0ELSEWHERE")));
        carebot.awaitQuiet();
        assertEquals(1, carebot.cases("").get("count").asInt(), "only people where the case is worked may split");
        assertEquals(List.of("case_opened", "post_joined", "action_refused"), actions(caseId));

        carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"),
                SlackRequests.postButtonPress(CardActions.SPLIT_REPEAT, repeatPostId, "UAGENT001", channel)));
        carebot.awaitQuiet();

        JsonNode cases = carebot.cases("").get("cases");
        assertEquals(2, cases.size(), "the repeat is a case of its own");
        long splitCase = StreamSupport.stream(cases.spliterator(), false).mapToLong(c -> c.get("id").asLong())
                .filter(id -> id != caseId).findFirst().orElseThrow();
        assertEquals(List.of("case_opened", "post_joined", "action_refused", "repeat_split"), actions(caseId));
        assertEquals(List.of("case_opened", "split_off"), actions(splitCase));
        await("the old card counts the repeat no more").atMost(Duration.ofSeconds(10)).until(() -> {
            String latest = slack.calls("chat.update").stream().filter(call -> call.get("channel").equals(channel))
                    .reduce((a, b) -> b).orElseThrow().get("blocks");
            return latest.contains("does nothing") && !latest.contains("similar in") && !latest.contains("crashes");
        });

        post("discord", "1300000000000000020", "Export to PDF button crashes the app on Android 14, app v4.12!!");
        carebot.awaitQuiet();
        assertEquals(2, carebot.cases("").get("count").asInt());
        assertEquals(List.of("case_opened", "split_off", "post_joined"), actions(splitCase),
                "a copy of the split post joins its new case");

        carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"),
                SlackRequests.postButtonPress(CardActions.SPLIT_REPEAT, repeatPostId, "UAGENT001", channel)));
        carebot.awaitQuiet();
        assertEquals(2, carebot.cases("").get("count").asInt(), "a second press changes nothing");
        await("the presser is told why").atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postEphemeral")
                .stream().anyMatch(call -> call.get("text").contains("is not a repeat of any case any more")));

        // People's judgments of the joins: the split one was wrong; the copy on the new case, once resolved, right.
        carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"),
                SlackRequests.buttonPress(CardActions.RESOLVE, splitCase, "UAGENT001", channel)));
        String quality = TestCarebot.json(carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"),
                SlackRequests.slashCommand("/care", "quality", "UAGENT001", channel))).body()).get("text").asText();
        assertTrue(quality.contains("*Repeats joined to cases* (2 judged, 1 split off as another issue)"), quality);
        assertTrue(quality.contains("*same words*: precision 100% (1 judged)"), quality);
        assertTrue(quality.contains("*same issue*: precision 0% (1 judged)"), quality);
    }

    @Test
    void a_split_holds_after_a_restart() {
        CaseWithRepeat joined = caseWithRepeat("30");
        carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"),
                SlackRequests.postButtonPress(CardActions.SPLIT_REPEAT, joinedPostId(joined.caseId()), "UAGENT001",
                        joined.channel())));
        carebot.awaitQuiet();
        assertEquals(2, carebot.cases("").get("count").asInt());

        String dbUrl = carebot.dbUrl;
        carebot.close();
        carebot = TestCarebot.start(slack, dbUrl);
        post("discord", "1300000000000000030", "Export to PDF button crashes the app on Android 14, app v4.12!!");
        carebot.awaitQuiet();

        JsonNode cases = carebot.cases("").get("cases");
        assertEquals(2, cases.size(), "the copy joined a case after the restart");
        long splitCase = StreamSupport.stream(cases.spliterator(), false).mapToLong(c -> c.get("id").asLong())
                .filter(id -> id != joined.caseId()).findFirst().orElseThrow();
        assertEquals(List.of("case_opened", "split_off", "post_joined"), actions(splitCase),
                "the cluster index rebuilt at start keeps the split: the copy joins the new case");
    }

    @Test
    void after_a_retag_the_same_issue_in_other_words_still_joins_the_case() {
        post("x", "1861000000000000070", "Is there a way to export my files to PDF from the Android app?");
        carebot.awaitQuiet();
        JsonNode original = carebot.cases("").get("cases").get(0);
        long caseId = original.get("id").asLong();
        String target = original.get("intent").asText().equals("feature_request") ? "general_question" : "feature_request";
        String channel = carebot.config.requireQueue(original.get("queue").asText()).slackChannel();
        carebot.send(org.carebot.bot.support.SlackRequests.signedNow(carebot.url("/slack/events"),
                org.carebot.bot.support.SlackRequests.selectChoice(org.carebot.bot.cards.CardActions.RETAG, caseId,
                        target, "UAGENT001", channel)));
        carebot.awaitQuiet();
        assertEquals(target, carebot.caseDetail(caseId).get("intent").asText());

        post("instagram", "17865799348089070", "How can I export my files as PDF in the Android app?");
        carebot.awaitQuiet();

        assertEquals(1, carebot.cases("").get("count").asInt(), "the paraphrase joined the retagged case");
        assertTrue(actions(caseId).contains("post_joined"), actions(caseId).toString());
    }

    @Test
    void a_different_issue_opens_its_own_case() {
        carebot.postTelegram(TelegramUpdates.message(2, 2, "Is @AcmeCloud down?? can't log in, getting 503 errors"),
                TestCarebot.TELEGRAM_SECRET);
        post("x", "1861000000000000002", "I was charged twice for my subscription this month, please refund");
        carebot.awaitQuiet();

        assertEquals(2, carebot.cases("").get("count").asInt());
    }

    @Test
    void a_repeat_of_a_resolved_case_opens_a_new_one() {
        carebot.postTelegram(TelegramUpdates.message(3, 3, "Export to PDF button does nothing on Android 14, app v4.12"),
                TestCarebot.TELEGRAM_SECRET);
        carebot.awaitQuiet();
        long first = carebot.cases("").get("cases").get(0).get("id").asLong();
        String channel = carebot.config.requireQueue(carebot.cases("").get("cases").get(0).get("queue").asText()).slackChannel();
        carebot.send(org.carebot.bot.support.SlackRequests.signedNow(carebot.url("/slack/events"),
                org.carebot.bot.support.SlackRequests.buttonPress(org.carebot.bot.cards.CardActions.RESOLVE, first,
                        "UAGENT001", channel)));

        post("x", "1861000000000000003", "Export to PDF button does nothing on Android 14, app v4.12!!");
        carebot.awaitQuiet();

        assertEquals(2, carebot.cases("").get("count").asInt());
    }
}
