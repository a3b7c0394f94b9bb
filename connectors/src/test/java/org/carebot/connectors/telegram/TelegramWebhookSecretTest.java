package org.carebot.connectors.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelegramWebhookSecretTest {

    private static final String SECRET = "Tg_webhook-Secret_42";

    private final TelegramWebhook webhook = new TelegramWebhook(SECRET, new ObjectMapper());

    @Test
    void the_secret_travels_in_telegrams_documented_header() {
        assertEquals("X-Telegram-Bot-Api-Secret-Token", TelegramWebhook.SECRET_HEADER);
    }

    @Nested
    class Verify {

        @Test
        void the_exact_secret_verifies() {
            assertTrue(webhook.verify(SECRET));
        }

        @ParameterizedTest
        @NullAndEmptySource
        void a_missing_or_empty_header_does_not_verify(String header) {
            assertFalse(webhook.verify(header));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Tg_webhook-Secret_4", "Tg_webhook-Secret_42 ", "Tg_webhook-Secret_420",
                "x", "tg_webhook-secret_42", "Tg_webhook-Secret_43"})
        void a_header_of_different_length_case_or_content_does_not_verify(String header) {
            assertFalse(webhook.verify(header));
        }
    }

    @Nested
    class Construction {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"has space", "semi;colon", "slash/secret", "p\u00e4sswort", "tab\tsecret",
                "dot.secret", "newline\n"})
        void a_secret_with_characters_telegram_does_not_allow_is_rejected(String secret) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TelegramWebhook(secret, new ObjectMapper()));
            assertTrue(e.getMessage().contains("TELEGRAM_SECRET_TOKEN"), e.getMessage());
        }

        @Test
        void a_secret_longer_than_256_characters_is_rejected() {
            assertThrows(IllegalArgumentException.class,
                    () -> new TelegramWebhook("a".repeat(257), new ObjectMapper()));
        }

        @Test
        void a_secret_of_1_to_256_allowed_characters_is_accepted() {
            String longest = "aZ0_-".repeat(51) + "x";
            assertTrue(new TelegramWebhook(longest, new ObjectMapper()).verify(longest));
            assertTrue(new TelegramWebhook("-", new ObjectMapper()).verify("-"));
        }
    }
}
