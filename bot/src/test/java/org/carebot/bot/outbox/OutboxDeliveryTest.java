package org.carebot.bot.outbox;

import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.TelegramUpdates;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxDeliveryTest {

    private FakeSlack slack;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private String billingChannel(TestCarebot carebot) {
        return carebot.config.requireQueue("billing").slackChannel();
    }

    @Test
    void a_429_with_retry_after_then_success_delivers_exactly_once_after_the_wait() {
        slack.rateLimitOnce("chat.postMessage", 2);
        try (TestCarebot carebot = TestCarebot.start(slack)) {
            Instant sent = Instant.now();
            carebot.postTelegram(TelegramUpdates.message(1, 1, "I was double charged, refund please"),
                    TestCarebot.TELEGRAM_SECRET);

            await().atMost(Duration.ofSeconds(15)).until(() -> slack.requests("chat.postMessage").size() >= 2);
            carebot.awaitQuiet();

            var attempts = slack.requests("chat.postMessage");
            assertEquals(2, attempts.size(), "one refused attempt and one delivery");
            Duration waited = Duration.between(attempts.get(0).getLoggedDate().toInstant(),
                    attempts.get(1).getLoggedDate().toInstant());
            assertTrue(waited.compareTo(Duration.ofMillis(1900)) >= 0, "honoured Retry-After: waited " + waited);
            assertTrue(attempts.get(1).getBodyAsString().contains(billingChannel(carebot)));
            assertTrue(Duration.between(sent, Instant.now()).compareTo(Duration.ofSeconds(15)) < 0);
            var health = TestCarebot.json(carebot.get("/health", null).body()).get("outbox");
            assertEquals(0, health.get("pending").asInt());
            assertEquals(0, health.get("failed").asInt());
        }
    }

    @Test
    void deliveries_pending_at_a_restart_are_sent_after_it(@TempDir Path dir) {
        String dbUrl = "jdbc:h2:file:" + dir.resolve("carebot").toAbsolutePath();
        slack.failWith("chat.postMessage", 503);
        try (TestCarebot first = TestCarebot.start(slack, dbUrl)) {
            first.postTelegram(TelegramUpdates.message(2, 2, "Charged twice for my subscription"), TestCarebot.TELEGRAM_SECRET);
            await().atMost(Duration.ofSeconds(10)).until(() -> !slack.requests("chat.postMessage").isEmpty());
            var health = TestCarebot.json(first.get("/health", null).body()).get("outbox");
            assertEquals(1, health.get("pending").asInt(), "the failed delivery waits for its retry");
        }

        slack.stubDefaults();
        int callsBeforeRestart = slack.requests("chat.postMessage").size();
        try (TestCarebot second = TestCarebot.start(slack, dbUrl)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> slack.requests("chat.postMessage").size() > callsBeforeRestart);
            second.awaitQuiet();
            assertEquals(callsBeforeRestart + 1, slack.requests("chat.postMessage").size());
            assertTrue(slack.calls("chat.postMessage").get(0).get("blocks").contains("Charged twice"));
            assertEquals(1, second.cases("").get("count").asInt());
        }
    }

    @Test
    void without_slack_credentials_cards_stay_in_the_outbox_marked_not_configured() {
        try (TestCarebot carebot = TestCarebot.start(null)) {
            carebot.postTelegram(TelegramUpdates.message(3, 3, "Locked out of my account"), TestCarebot.TELEGRAM_SECRET);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                var outbox = TestCarebot.json(carebot.get("/health", null).body()).get("outbox");
                return outbox.get("not_configured").asInt() >= 1 && outbox.get("pending").asInt() == 0;
            });
            assertEquals(1, carebot.cases("").get("count").asInt());
            var slackAnswer = carebot.postJson("/slack/events", "{}", null);
            assertEquals(503, slackAnswer.statusCode());
        }
    }
}
