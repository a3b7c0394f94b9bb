package org.carebot.connectors.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebot.connectors.IncomingPost;
import org.carebot.connectors.InvalidPayloadException;
import org.carebot.connectors.Secrets;
import org.carebot.triage.Author;
import org.carebot.triage.Post;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The Telegram Bot API webhook: verifies {@code X-Telegram-Bot-Api-Secret-Token} and reads an Update.
 * Text posts come from {@code message}, {@code edited_message}, {@code channel_post} and {@code edited_channel_post};
 * other updates (callback queries, stickers without caption, ...) carry no post and are acknowledged and skipped.
 */
public final class TelegramWebhook {

    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    public static final String PLATFORM = "telegram";

    private final String secretToken;
    private final ObjectMapper mapper;

    public TelegramWebhook(String secretToken, ObjectMapper mapper) {
        if (secretToken == null || !secretToken.matches("[A-Za-z0-9_-]{1,256}")) {
            throw new IllegalArgumentException("TELEGRAM_SECRET_TOKEN must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
        }
        this.secretToken = secretToken;
        this.mapper = mapper;
    }

    public boolean verify(String headerValue) {
        return Secrets.constantTimeEquals(secretToken, headerValue);
    }

    /** Reads an Update; empty when it carries no text post. */
    public Optional<IncomingPost> parse(byte[] body) throws InvalidPayloadException {
        JsonNode update;
        try {
            update = mapper.readTree(body);
        } catch (IOException e) {
            throw new InvalidPayloadException("body is not valid JSON");
        }
        if (update == null || !update.isObject()) throw new InvalidPayloadException("body must be a JSON object (an Update)");
        JsonNode updateId = update.get("update_id");
        if (!isInteger(updateId)) {
            throw new InvalidPayloadException("update_id is missing or not an integer");
        }
        String deliveryId = updateId.asText();
        for (String kind : new String[]{"message", "channel_post", "edited_message", "edited_channel_post"}) {
            JsonNode message = update.get(kind);
            if (message != null && !message.isNull()) {
                return readMessage(message, deliveryId, kind.startsWith("edited_"));
            }
        }
        return Optional.empty();
    }

    private Optional<IncomingPost> readMessage(JsonNode message, String deliveryId, boolean edited)
            throws InvalidPayloadException {
        JsonNode messageId = message.get("message_id");
        JsonNode chat = message.get("chat");
        if (!isInteger(messageId)) {
            throw new InvalidPayloadException("message.message_id is missing or not an integer");
        }
        if (chat == null || !isInteger(chat.get("id"))) {
            throw new InvalidPayloadException("message.chat.id is missing or not an integer");
        }
        String text = textOf(message);
        if (text == null || text.isBlank()) return Optional.empty();

        String chatId = chat.get("id").asText();
        String key = chatId + ":" + messageId.asText();
        String platformId = edited ? key + ":edit:" + message.path("edit_date").asText("0") : key;
        Instant postedAt = message.has("date") ? Instant.ofEpochSecond(message.get("date").asLong()) : null;
        Post post = new Post(PLATFORM, platformId, author(message, chat), text, link(chat, messageId.asText()),
                postedAt, chatId);
        return Optional.of(new IncomingPost(post, deliveryId, edited ? key : null));
    }

    private static boolean isInteger(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong();
    }

    private static String textOf(JsonNode message) {
        if (message.hasNonNull("text")) return message.get("text").asText();
        if (message.hasNonNull("caption")) return message.get("caption").asText();
        return null;
    }

    private static Author author(JsonNode message, JsonNode chat) {
        JsonNode from = message.get("from");
        if (from != null && from.isObject()) {
            String name = (from.path("first_name").asText("") + " " + from.path("last_name").asText("")).trim();
            String username = from.path("username").asText("");
            return new Author(from.path("id").asText(null), username.isEmpty() ? null : "@" + username,
                    name.isEmpty() ? null : name, null, null);
        }
        // Channel posts have no sender: the channel speaks.
        String username = chat.path("username").asText("");
        return new Author(chat.path("id").asText(null), username.isEmpty() ? null : "@" + username,
                chat.path("title").asText(null), null, null);
    }

    /** Public groups and channels have t.me links; private chats have none. */
    private static String link(JsonNode chat, String messageId) {
        String username = chat.path("username").asText("");
        String type = chat.path("type").asText("");
        if (username.isEmpty() || type.equals("private")) return null;
        return "https://t.me/" + username + "/" + messageId;
    }
}
