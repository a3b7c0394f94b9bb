package org.carebot.bot.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.cards.CardActions;
import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.SlackRequests;
import org.carebot.bot.support.TelegramUpdates;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A person's retag teaches the embeddings engine at once, and the lesson survives a restart. */
class RetagLearningTest {

    private static final String FIRST = "my team keeps getting a blank white window in the acme desktop app every hour";
    private static final String SIMILAR = "the acme desktop app keeps showing my whole team a blank white window every hour!!";
    private static final String AFTER_RESTART = "every hour the acme desktop app shows my team a blank white window again";

    private static JsonNode caseOf(TestCarebot carebot, long messageId) {
        carebot.awaitQuiet();
        return StreamSupport.stream(carebot.cases("").get("cases").spliterator(), false)
                .filter(c -> c.get("post").get("id").asText().endsWith(":" + messageId))
                .findFirst().orElseThrow();
    }

    private static void resolve(TestCarebot carebot, long caseId, String queue) {
        carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"), SlackRequests.buttonPress(CardActions.RESOLVE,
                caseId, "UAGENT001", carebot.config.requireQueue(queue).slackChannel())));
    }

    @Test
    void a_retagged_post_changes_the_intent_of_the_next_similar_post_even_after_a_restart(@TempDir Path dir) {
        String dbUrl = "jdbc:h2:file:" + dir.resolve("carebot").toAbsolutePath();
        try (FakeSlack slack = new FakeSlack()) {
            try (TestCarebot carebot = TestCarebot.start(slack, dbUrl)) {
                carebot.postTelegram(TelegramUpdates.message(1, 1, FIRST), TestCarebot.TELEGRAM_SECRET);
                JsonNode first = caseOf(carebot, 1);
                assertNotEquals("account_access", first.get("intent").asText(), "the engine's own guess, before any lesson");

                String channel = carebot.config.requireQueue(first.get("queue").asText()).slackChannel();
                carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"), SlackRequests.selectChoice(
                        CardActions.RETAG, first.get("id").asLong(), "account_access", "UAGENT001", channel)));
                // Resolved, the case takes no repeats: the next similar post opens a case of its own to show its intent.
                resolve(carebot, first.get("id").asLong(), "accounts");

                carebot.postTelegram(TelegramUpdates.message(2, 2, SIMILAR), TestCarebot.TELEGRAM_SECRET);
                JsonNode similar = caseOf(carebot, 2);
                assertEquals("account_access", similar.get("intent").asText());
                assertEquals("accounts", similar.get("queue").asText());
                resolve(carebot, similar.get("id").asLong(), "accounts");
            }
            try (TestCarebot restarted = TestCarebot.start(slack, dbUrl)) {
                restarted.postTelegram(TelegramUpdates.message(3, 3, AFTER_RESTART), TestCarebot.TELEGRAM_SECRET);
                assertEquals("account_access", caseOf(restarted, 3).get("intent").asText());
            }
        }
    }
}
