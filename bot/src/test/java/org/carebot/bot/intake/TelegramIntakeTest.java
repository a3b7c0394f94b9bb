package org.carebot.bot.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.TelegramUpdates;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelegramIntakeTest {

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

    @Test
    void an_update_with_the_right_secret_becomes_a_case_and_a_card_with_buttons_in_the_routed_channel() {
        HttpResponse<String> response = carebot.postTelegram(
                TelegramUpdates.message(9001, 77, "@AcmeCloud is down again, can't connect since 10am"),
                TestCarebot.TELEGRAM_SECRET);

        assertEquals(200, response.statusCode(), response.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() >= 1);
        JsonNode cases = carebot.cases("").get("cases");
        assertEquals(1, cases.size());
        JsonNode kase = cases.get(0);
        assertEquals("outage_report", kase.get("intent").asText());
        assertEquals("tech", kase.get("queue").asText());
        assertEquals("telegram", kase.get("post").get("platform").asText());
        assertEquals("https://t.me/acmecloud_community/77", kase.get("post").get("url").asText());

        String techChannel = carebot.config.requireQueue("tech").slackChannel();
        Map<String, String> card = slack.calls("chat.postMessage").stream()
                .filter(call -> call.get("channel").equals(techChannel)).findFirst().orElseThrow();
        String blocks = card.get("blocks");
        assertTrue(blocks.contains("case.claim") && blocks.contains("case.retag") && blocks.contains("case.escalate")
                && blocks.contains("case.resolve"), blocks);
        assertTrue(blocks.contains("is down again"), blocks);
        assertTrue(card.get("text").contains("outage report"), card.get("text"));
    }

    @Test
    void the_same_update_delivered_twice_makes_one_case_and_one_card() {
        String update = TelegramUpdates.message(9002, 78, "I was double charged for my subscription, need a refund");
        HttpResponse<String> first = carebot.postTelegram(update, TestCarebot.TELEGRAM_SECRET);
        HttpResponse<String> second = carebot.postTelegram(update, TestCarebot.TELEGRAM_SECRET);

        assertEquals(200, first.statusCode());
        assertEquals(200, second.statusCode());
        assertTrue(TestCarebot.json(second.body()).get("duplicate").asBoolean(), second.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() >= 1);
        carebot.awaitQuiet();
        assertEquals(1, carebot.cases("").get("count").asInt());
        assertEquals(1, slack.calls("chat.postMessage").size());
    }

    @Test
    void a_wrong_or_missing_secret_gives_401_and_stores_nothing() {
        String update = TelegramUpdates.message(9003, 79, "app crashes on start");
        HttpResponse<String> wrong = carebot.postTelegram(update, "not-the-secret");
        HttpResponse<String> missing = carebot.postTelegram(update, null);

        assertEquals(401, wrong.statusCode());
        assertEquals(401, missing.statusCode());
        assertTrue(TestCarebot.json(wrong.body()).get("error").asText().contains("X-Telegram-Bot-Api-Secret-Token"));
        assertEquals(0, carebot.cases("").get("count").asInt());
        // The same update with the right secret is still new: nothing of the refused one was kept.
        HttpResponse<String> right = carebot.postTelegram(update, TestCarebot.TELEGRAM_SECRET);
        assertTrue(TestCarebot.json(right.body()).get("stored").asBoolean(), right.body());
    }

    @Test
    void malformed_json_gives_400_with_a_reason() {
        HttpResponse<String> response = carebot.postTelegram("{\"update_id\": 1, \"message\": ", TestCarebot.TELEGRAM_SECRET);

        assertEquals(400, response.statusCode());
        assertEquals("body is not valid JSON", TestCarebot.json(response.body()).get("error").asText());
    }

    @Test
    void an_update_without_update_id_gives_400_naming_the_field() {
        HttpResponse<String> response = carebot.postTelegram("{\"message\": {}}", TestCarebot.TELEGRAM_SECRET);

        assertEquals(400, response.statusCode());
        assertTrue(TestCarebot.json(response.body()).get("error").asText().contains("update_id"));
    }

    @Test
    void a_body_over_one_mebibyte_gives_413_and_stores_nothing() {
        String huge = TelegramUpdates.message(9004, 80, "x".repeat(1024 * 1024 + 10));
        HttpResponse<String> response = carebot.postTelegram(huge, TestCarebot.TELEGRAM_SECRET);

        assertEquals(413, response.statusCode(), response.body());
        assertEquals(0, carebot.cases("").get("count").asInt());
    }

    @Test
    void an_update_without_text_is_acknowledged_and_creates_nothing() {
        String callback = """
                {"update_id": 9005, "callback_query": {"id": "4382bfdwdsb323b2d9", "data": "Data from button callback",
                 "from": {"id": 1111111, "first_name": "Test"}}}""";
        HttpResponse<String> response = carebot.postTelegram(callback, TestCarebot.TELEGRAM_SECRET);

        assertEquals(200, response.statusCode());
        assertEquals(false, TestCarebot.json(response.body()).get("stored").asBoolean());
        assertEquals(List.of(), slack.calls("chat.postMessage"));
    }

    @Test
    void an_edit_joins_the_case_of_its_post_and_the_card_shows_the_new_words() {
        carebot.postTelegram(TelegramUpdates.message(9006, 81, "my invoice is wrong"), TestCarebot.TELEGRAM_SECRET);
        carebot.awaitQuiet();
        String edited = """
                {"update_id": 9007,
                 "edited_message": {"message_id": 81, "date": 1764064800, "edit_date": 1764064900,
                   "chat": {"id": -1001234567890, "type": "supergroup", "title": "Acme Cloud Community",
                            "username": "acmecloud_community"},
                   "from": {"id": 424242, "is_bot": false, "first_name": "Dana", "username": "dana_k"},
                   "text": "my invoice is wrong: charged twice for November"}}""";

        HttpResponse<String> response = carebot.postTelegram(edited, TestCarebot.TELEGRAM_SECRET);
        carebot.awaitQuiet();

        assertEquals(200, response.statusCode());
        JsonNode cases = carebot.cases("").get("cases");
        assertEquals(1, cases.size(), "an edit opens no second case");
        long caseId = cases.get(0).get("id").asLong();
        JsonNode detail = carebot.caseDetail(caseId);
        assertEquals("post_edited", detail.get("events").get(1).get("action").asText());
        assertEquals("my invoice is wrong: charged twice for November", detail.get("post").get("text").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(call -> call.get("blocks").contains("charged twice for November")));
    }

    @Test
    void an_edit_as_long_as_telegram_allows_is_kept_whole_and_shown() {
        carebot.postTelegram(TelegramUpdates.message(9008, 82, "the sync log is attached below"), TestCarebot.TELEGRAM_SECRET);
        carebot.awaitQuiet();
        String longText = "the sync log is attached below: " + "error 0x80070005 at folder /projects/q4 ".repeat(120);
        String edited = """
                {"update_id": 9009,
                 "edited_message": {"message_id": 82, "date": 1764064800, "edit_date": 1764064900,
                   "chat": {"id": -1001234567890, "type": "supergroup", "title": "Acme Cloud Community"},
                   "from": {"id": 424242, "is_bot": false, "first_name": "Dana", "username": "dana_k"},
                   "text": "%s"}}""".formatted(longText.substring(0, 4096));

        carebot.postTelegram(edited, TestCarebot.TELEGRAM_SECRET);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode cases = carebot.cases("").get("cases");
            JsonNode mine = java.util.stream.StreamSupport.stream(cases.spliterator(), false)
                    .filter(c -> c.get("post").get("id").asText().endsWith(":82")).findFirst().orElseThrow();
            return carebot.caseDetail(mine.get("id").asLong()).get("post").get("text").asText()
                    .equals(longText.substring(0, 4096));
        });
    }
}
