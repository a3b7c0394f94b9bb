package org.carebot.bot.digest;

import org.carebot.bot.store.PostStore;
import org.carebot.bot.store.StoredPost;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Suppressed posts per queue, and which daily digests went out. */
public final class DigestStore {

    /** A suppressed post as the digest lists it. */
    public record Item(StoredPost post, String why) {
    }

    private final PostStore posts;
    private final org.carebot.bot.store.Json json;

    public DigestStore(PostStore posts, org.carebot.bot.store.Json json) {
        this.posts = posts;
        this.json = json;
    }

    public int countSuppressed(Handle handle, String queue, Instant since) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM posts p JOIN triages t ON t.post_id = p.id
                        WHERE p.state = 'suppressed' AND t.queue = :queue AND t.triaged_at >= :since
                        """)
                .bind("queue", queue)
                .bind("since", since)
                .mapTo(Integer.class)
                .one();
    }

    /** The suppressed posts of a queue since {@code since}, newest first, after skipping the {@code skip} newest. */
    public List<Item> latestSuppressed(Handle handle, String queue, Instant since, int skip, int limit) {
        return handle.createQuery("""
                        SELECT p.id, t.reasons, t.spam FROM posts p JOIN triages t ON t.post_id = p.id
                        WHERE p.state = 'suppressed' AND t.queue = :queue AND t.triaged_at >= :since
                        ORDER BY p.id DESC LIMIT :limit OFFSET :skip
                        """)
                .bind("queue", queue)
                .bind("since", since)
                .bind("limit", limit)
                .bind("skip", skip)
                .map((rs, ctx) -> new Object[]{rs.getLong("id"), rs.getString("reasons"), rs.getBoolean("spam")})
                .list().stream()
                .map(row -> new Item(posts.find(handle, (Long) row[0]).orElseThrow(),
                        (Boolean) row[2] ? json.readStrings((String) row[1]).get(0) : "author blocked"))
                .toList();
    }

    /** When the queue's latest digest went out, if one ever did. */
    public Optional<Instant> lastSentAt(Handle handle, String queue) {
        return handle.createQuery("SELECT MAX(sent_at) FROM digests WHERE queue = :queue")
                .bind("queue", queue)
                .mapTo(Instant.class)
                .findOne();
    }

    /** Claims the digest of a queue for a day; false when it was already sent (by this or another instance). */
    public boolean claimDay(Handle handle, String queue, LocalDate day, Instant at) {
        try {
            return handle.createUpdate("INSERT INTO digests (queue, digest_day, sent_at) VALUES (:queue, :day, :at)")
                    .bind("queue", queue)
                    .bind("day", day)
                    .bind("at", at)
                    .execute() == 1;
        } catch (UnableToExecuteStatementException e) {
            return false;
        }
    }
}
