package org.carebot.bot.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebot.connectors.IncomingPost;
import org.carebot.connectors.InvalidPayloadException;
import org.carebot.triage.Author;
import org.carebot.triage.Post;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the generic intake's JSON (schema in the README) into a post. Unknown fields are ignored. */
public final class ApiPostParser {

    static final int MAX_TEXT = 20_000;

    private final ObjectMapper mapper;

    public ApiPostParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public IncomingPost parse(byte[] body) throws InvalidPayloadException {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new InvalidPayloadException("body is not valid JSON");
        }
        if (root == null || !root.isObject()) throw new InvalidPayloadException("body must be a JSON object");
        String platform = requiredText(root, "platform");
        if (!platform.matches("[a-z0-9_]{1,32}")) {
            throw new InvalidPayloadException("platform must be 1-32 lowercase letters, digits or _ (e.g. x, instagram)");
        }
        JsonNode idNode = root.get("id");
        if (idNode == null || !(idNode.isTextual() || idNode.isIntegralNumber()) || idNode.asText().isBlank()) {
            throw new InvalidPayloadException("id is required: the platform's id for this post (string)");
        }
        String id = idNode.asText();
        if (id.length() > 200) throw new InvalidPayloadException("id is longer than 200 characters");
        String text = requiredText(root, "text");
        if (text.length() > MAX_TEXT) throw new InvalidPayloadException("text is longer than " + MAX_TEXT + " characters");
        Post post = new Post(platform, id, author(root.get("author")), text, optionalText(root, "url", "url", 2000),
                instant(root, "posted_at"), optionalText(root, "conversation_id", "conversation_id", 200));
        return new IncomingPost(post, null, null);
    }

    private static Author author(JsonNode node) throws InvalidPayloadException {
        if (node == null || node.isNull()) return Author.unknown();
        if (!node.isObject()) throw new InvalidPayloadException("author must be an object");
        JsonNode followers = node.get("followers");
        Long followerCount = null;
        if (followers != null && !followers.isNull()) {
            if (!followers.canConvertToLong() || followers.asLong() < 0) {
                throw new InvalidPayloadException("author.followers must be a whole number, 0 or more");
            }
            followerCount = followers.asLong();
        }
        JsonNode verified = node.get("verified");
        if (verified != null && !verified.isNull() && !verified.isBoolean()) {
            throw new InvalidPayloadException("author.verified must be true or false");
        }
        return new Author(optionalText(node, "id", "author.id", 200), optionalText(node, "handle", "author.handle", 200),
                optionalText(node, "name", "author.name", 200), followerCount,
                verified == null || verified.isNull() ? null : verified.asBoolean());
    }

    private static String requiredText(JsonNode node, String field) throws InvalidPayloadException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidPayloadException(field + " is required and must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /** As {@link #optionalText(JsonNode, String)}, refused when longer than the store keeps. */
    private static String optionalText(JsonNode node, String field, String path, int max) throws InvalidPayloadException {
        String text = optionalText(node, field);
        if (text != null && text.length() > max) throw new InvalidPayloadException(path + " is longer than " + max + " characters");
        return text;
    }

    private static Instant instant(JsonNode node, String field) throws InvalidPayloadException {
        String text = optionalText(node, field);
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidPayloadException(field + " must be an ISO-8601 instant like 2026-11-25T10:15:30Z");
        }
    }
}
