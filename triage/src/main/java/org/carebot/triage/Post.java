package org.carebot.triage;

import java.time.Instant;
import java.util.Objects;

/**
 * One social post as every connector hands it to the rest of Carebot.
 *
 * @param platform       lowercase platform name (telegram, x, instagram, ...)
 * @param platformId     the platform's own id for this post; with {@code platform} it is the idempotency key
 * @param author         who wrote it
 * @param text           the words, as posted
 * @param url            link to the original, or null
 * @param postedAt       when the platform says it was posted, or null
 * @param conversationId where a reply would go (chat id, thread id), or null
 */
public record Post(String platform, String platformId, Author author, String text, String url,
                   Instant postedAt, String conversationId) {

    public Post {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(platformId, "platformId");
        Objects.requireNonNull(text, "text");
        author = author == null ? Author.unknown() : author;
    }

    /** The same post with other words; this very post when they are the same string. */
    public Post withText(String text) {
        return text == this.text ? this : new Post(platform, platformId, author, text, url, postedAt, conversationId);
    }

    /** A post with nothing but words, for offline triage. */
    public static Post ofText(String platform, String id, String text) {
        return new Post(platform == null ? "unknown" : platform, id, Author.unknown(), text, null, null, null);
    }
}
