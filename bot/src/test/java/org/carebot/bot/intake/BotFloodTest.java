package org.carebot.bot.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.ServiceOnDatabase;
import org.carebot.bot.support.TestCarebot;
import org.carebot.bot.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copies of one post from many accounts that send readers somewhere are a bot flood: after spam.flood.accounts (5)
 * accounts, later copies are suppressed. Customers repeating a complaint without a link keep joining its case.
 */
class BotFloodTest {

    private ServiceOnDatabase service;
    private FakeSlack slack;
    private TestCarebot carebot;

    /** On H2, and on PostgreSQL when one is configured: the flood and storm counts are SQL of their own. */
    private void start(TestDatabases.Kind kind) {
        service = ServiceOnDatabase.start(kind);
        slack = service.slack();
        carebot = service.carebot();
    }

    @AfterEach
    void stop() {
        if (service != null) service.close();
    }

    private void post(String id, String author, String text) {
        carebot.postJson("/api/posts", """
                {"platform":"x","id":"%s","text":"%s","author":{"id":"%s","handle":"@%s"}}"""
                .formatted(id, text, author, author), TestCarebot.API_TOKEN);
    }

    private List<JsonNode> events(long caseId) {
        return StreamSupport.stream(carebot.caseDetail(caseId).get("events").spliterator(), false).toList();
    }

    private long count(List<JsonNode> events, String action) {
        return events.stream().filter(e -> e.get("action").asText().equals(action)).count();
    }

    private double suppressedCounter() {
        return carebot.get("/metrics", null).body().lines()
                .filter(line -> line.startsWith("carebot_posts_suppressed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void copies_with_an_off_site_link_from_many_accounts_are_suppressed_after_the_fifth_account(TestDatabases.Kind kind) {
        start(kind);
        for (int i = 1; i <= 7; i++) {
            post("f" + i, "bot" + i, "Acme Cloud outage? everyone check your files now at cloudfilecheck.xyz/scan");
        }
        carebot.awaitQuiet();

        JsonNode cases = carebot.cases("").get("cases");
        assertEquals(1, cases.size(), "the first copy opened one case");
        List<JsonNode> events = events(cases.get(0).get("id").asLong());
        assertEquals(3, count(events, "post_joined"), "accounts two to four joined it");
        assertEquals(1, count(events, "bot_flood"), "the case says once that a flood was seen");
        assertTrue(events.stream().filter(e -> e.get("action").asText().equals("bot_flood")).findFirst().orElseThrow()
                .toString().contains("5 accounts in 10 min, sending readers to cloudfilecheck.xyz"), events.toString());
        assertEquals(3.0, suppressedCounter(), "the fifth account's copy and later ones are suppressed, and counted");
    }

    @Test
    void a_flood_copy_restored_from_its_queues_digest_opens_a_case_there_and_every_later_copy_joins_it() {
        start(TestDatabases.Kind.H2);
        String text = "Acme Cloud outage? everyone check your files now at cloudfilecheck.xyz/scan";
        for (int i = 1; i <= 7; i++) post("f" + i, "bot" + i, text);
        carebot.awaitQuiet();
        long firstCase = carebot.cases("").get("cases").get(0).get("id").asLong();
        carebot.carebot().sendDigests();
        String tech = carebot.config.requireQueue("tech").slackChannel();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                slack.calls("chat.postMessage").stream().anyMatch(call -> call.get("channel").equals(tech)
                        && call.get("blocks").contains(org.carebot.bot.cards.CardActions.RESTORE_POST)));
        String digest = slack.calls("chat.postMessage").stream().filter(call -> call.get("channel").equals(tech)
                && call.get("blocks").contains(org.carebot.bot.cards.CardActions.RESTORE_POST)).findFirst()
                .orElseThrow().get("blocks");
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"value\":\"(\\d+)\"").matcher(digest);
        assertTrue(value.find(), digest);

        carebot.send(org.carebot.bot.support.SlackRequests.signedNow(carebot.url("/slack/events"),
                org.carebot.bot.support.SlackRequests.postButtonPress(org.carebot.bot.cards.CardActions.RESTORE_POST,
                        Long.parseLong(value.group(1)), "UAGENT001", tech)));
        carebot.awaitQuiet();

        JsonNode restored = StreamSupport.stream(carebot.cases("").get("cases").spliterator(), false)
                .filter(kase -> kase.get("id").asLong() != firstCase).findFirst().orElseThrow();
        assertEquals("tech", restored.get("queue").asText(), "opened where the digest listed it");
        assertEquals("outage_report", restored.get("intent").asText(), "a flood copy keeps the intent triage found");
        double suppressedBefore = suppressedCounter();
        for (int i = 1; i <= 7; i++) post("c" + i, "customer" + i, text);
        carebot.awaitQuiet();
        List<JsonNode> events = events(restored.get("id").asLong());
        assertEquals(7, count(events, "post_joined"), "a person said these copies are real: all seven join");
        assertEquals(0, count(events, "bot_flood"), events.toString());
        assertEquals(suppressedBefore, suppressedCounter(), "no later copy is held back again");
    }

    @Test
    void customers_repeating_a_complaint_without_a_link_all_join_the_case() {
        start(TestDatabases.Kind.H2);
        for (int i = 1; i <= 7; i++) post("c" + i, "customer" + i, "Is Acme Cloud down for everyone? cant open any file");
        carebot.awaitQuiet();

        JsonNode cases = carebot.cases("").get("cases");
        assertEquals(1, cases.size());
        List<JsonNode> events = events(cases.get(0).get("id").asLong());
        assertEquals(6, count(events, "post_joined"));
        assertEquals(0, count(events, "bot_flood"));
        assertEquals(0.0, suppressedCounter());
    }

    @Test
    void one_account_repeating_its_link_is_not_a_flood_of_accounts() {
        start(TestDatabases.Kind.H2);
        for (int i = 1; i <= 6; i++) {
            post("s" + i, "same_person", "Acme Cloud outage? everyone check your files now at cloudfilecheck.xyz/scan");
        }
        carebot.awaitQuiet();

        JsonNode cases = carebot.cases("").get("cases");
        assertEquals(1, cases.size());
        assertEquals(5, count(events(cases.get(0).get("id").asLong()), "post_joined"));
        assertEquals(0.0, suppressedCounter());
    }
}
