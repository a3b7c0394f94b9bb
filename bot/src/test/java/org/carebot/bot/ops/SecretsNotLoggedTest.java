package org.carebot.bot.ops;

import org.carebot.bot.cards.CardActions;
import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.SlackRequests;
import org.carebot.bot.support.TelegramUpdates;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole run, with intake, Slack actions, a refusal and failed calls, leaves no secret in the log. */
class SecretsNotLoggedTest {

    @Test
    void no_token_or_secret_reaches_the_log() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (FakeSlack slack = new FakeSlack(); TestCarebot carebot = TestCarebot.start(slack)) {
            slack.rateLimitOnce("chat.postMessage", 1);
            carebot.postTelegram(TelegramUpdates.message(1, 1, "Acme is down, 503 everywhere"), TestCarebot.TELEGRAM_SECRET);
            carebot.postTelegram(TelegramUpdates.message(2, 2, "wrong secret"), "guess");
            carebot.awaitQuiet();
            long caseId = carebot.cases("").get("cases").get(0).get("id").asLong();
            String tech = carebot.config.requireQueue("tech").slackChannel();
            carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"),
                    SlackRequests.selectChoice(CardActions.ESCALATE, caseId, "legal", "UAGENT001", tech)));
            carebot.get("/api/cases", "wrong-token");
            carebot.awaitQuiet();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);

        assertTrue(log.contains("case #1 opened"), "the log was captured: " + log);
        for (String secret : new String[]{"xoxb-test-token", TestCarebot.SIGNING_SECRET, TestCarebot.TELEGRAM_SECRET,
                TestCarebot.API_TOKEN}) {
            assertFalse(log.contains(secret), "the log contains " + secret + ":\n" + log);
        }
    }
}
