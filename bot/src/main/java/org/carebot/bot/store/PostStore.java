package org.carebot.bot.store;

import org.carebot.triage.Author;
import org.carebot.triage.Post;
import org.carebot.triage.Priority;
import org.carebot.triage.Route;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.Tone;
import org.carebot.triage.Triage;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Posts and their triage results. Every method runs on the caller's handle, so callers choose the transaction. */
public final class PostStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Json json;

    public PostStore(Json json) {
        this.json = json;
    }

    /**
     * The post without NUL characters, which PostgreSQL text cannot hold (the insert failed, and a webhook that got an
     * error would deliver the same post again and again) and which mean nothing in a post.
     */
    private static Post storable(Post post) {
        Author author = post.author();
        Author clean = new Author(storable(author.id()), storable(author.handle()), storable(author.name()),
                author.followers(), author.verified());
        return new Post(storable(post.platform()), storable(post.platformId()), clean, storable(post.text()),
                storable(post.url()), post.postedAt(), storable(post.conversationId()));
    }

    private static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }

    /** Stores a new post; empty when its (platform, platform_id) is already stored. */
    public Optional<Long> insert(Handle handle, Post given, String deliveryId, String editOf, Instant receivedAt) {
        Post post = storable(given);
        deliveryId = storable(deliveryId);
        editOf = storable(editOf);
        if (findId(handle, post.platform(), post.platformId()).isPresent()) return Optional.empty();
        try {
            long id = handle.createUpdate("""
                            INSERT INTO posts (platform, platform_id, delivery_id, author_id, author_handle, author_name,
                                               author_followers, author_verified, body, url, posted_at, conversation_id,
                                               edit_of, received_at, state)
                            VALUES (:platform, :platformId, :deliveryId, :authorId, :authorHandle, :authorName,
                                    :followers, :verified, :body, :url, :postedAt, :conversationId,
                                    :editOf, :receivedAt, 'new')
                            """)
                    .bind("platform", post.platform())
                    .bind("platformId", post.platformId())
                    .bind("deliveryId", deliveryId)
                    .bind("authorId", post.author().id())
                    .bind("authorHandle", post.author().handle())
                    .bind("authorName", post.author().name())
                    .bind("followers", post.author().followers())
                    .bind("verified", post.author().verified())
                    .bind("body", post.text())
                    .bind("url", post.url())
                    .bind("postedAt", post.postedAt())
                    .bind("conversationId", post.conversationId())
                    .bind("editOf", editOf)
                    .bind("receivedAt", receivedAt)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return Optional.of(id);
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<Long> findId(Handle handle, String platform, String platformId) {
        return handle.createQuery("SELECT id FROM posts WHERE platform = :platform AND platform_id = :platformId")
                .bind("platform", platform)
                .bind("platformId", platformId)
                .mapTo(Long.class)
                .findOne();
    }

    /** True when a delivery with this id reached us since {@code since} (platforms reuse ids after a while). */
    public boolean deliverySeen(Handle handle, String platform, String deliveryId, Instant since) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM posts
                        WHERE platform = :platform AND delivery_id = :deliveryId AND received_at >= :since
                        """)
                .bind("platform", platform)
                .bind("deliveryId", deliveryId)
                .bind("since", since)
                .mapTo(Integer.class)
                .one() > 0;
    }

    public Optional<StoredPost> find(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM posts WHERE id = :id").bind("id", id).map(PostStore::map).findOne();
    }

    /** The post, locked until the transaction ends: two people acting on it at once take turns. */
    public Optional<StoredPost> findForUpdate(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM posts WHERE id = :id FOR UPDATE").bind("id", id).map(PostStore::map)
                .findOne();
    }

    /** Takes up to {@code limit} new posts, oldest first, marking them as being triaged so no other worker does. */
    public List<StoredPost> claimNew(Handle handle, int limit) {
        List<Long> candidates = handle.createQuery("SELECT id FROM posts WHERE state = 'new' ORDER BY id LIMIT :limit")
                .bind("limit", limit)
                .mapTo(Long.class)
                .list();
        List<StoredPost> claimed = new ArrayList<>();
        for (long id : candidates) {
            int updated = handle.createUpdate("UPDATE posts SET state = 'triaging' WHERE id = :id AND state = 'new'")
                    .bind("id", id)
                    .execute();
            if (updated == 1) find(handle, id).ifPresent(claimed::add);
        }
        return claimed;
    }

    public void setState(Handle handle, long id, PostState state) {
        handle.createUpdate("UPDATE posts SET state = :state WHERE id = :id")
                .bind("state", state.key())
                .bind("id", id)
                .execute();
    }

    /** These claimed posts wait for triage again. */
    public void requeue(Handle handle, List<Long> ids) {
        if (ids.isEmpty()) return;
        handle.createUpdate("UPDATE posts SET state = 'new' WHERE state = 'triaging' AND id IN (<ids>)")
                .bindList("ids", ids)
                .execute();
    }

    /** After a crash, posts left half-triaged go back to the queue. */
    public int requeueInterrupted(Handle handle) {
        return handle.createUpdate("UPDATE posts SET state = 'new' WHERE state = 'triaging'").execute();
    }

    /** How many posts are in any of these states, in one query (the state index answers it). */
    public int countByState(Handle handle, PostState state, PostState... more) {
        List<String> keys = new ArrayList<>(List.of(state.key()));
        for (PostState other : more) keys.add(other.key());
        return handle.createQuery("SELECT COUNT(*) FROM posts WHERE state IN (<states>)")
                .bindList("states", keys)
                .mapTo(Integer.class)
                .one();
    }

    public void saveTriage(Handle handle, long postId, Triage triage, Route route, Instant at) {
        handle.createUpdate("""
                        INSERT INTO triages (post_id, intent, intent_confidence, priority, reasons, spam, sensitive,
                                             human_only, language, sentiment, sarcasm, queue, routing_rule, triaged_at)
                        VALUES (:postId, :intent, :confidence, :priority, :reasons, :spam, :sensitive,
                                :humanOnly, :language, :sentiment, :sarcasm, :queue, :rule, :at)
                        """)
                .bind("postId", postId)
                .bind("intent", triage.intent())
                .bind("confidence", triage.intentConfidence())
                .bind("priority", triage.priority().name())
                .bind("reasons", json.write(triage.reasons()))
                .bind("spam", triage.spam())
                .bind("sensitive", joinFlags(triage.sensitive()))
                .bind("humanOnly", triage.humanOnly())
                .bind("language", triage.language())
                .bind("sentiment", triage.tone().sentiment().key())
                .bind("sarcasm", triage.tone().sarcasm())
                .bind("queue", route == null ? null : route.queue())
                .bind("rule", route == null ? null : route.rule())
                .bind("at", at)
                .execute();
    }

    /**
     * A person corrected the post's intent or sensitive flags, or restored it from a digest: the flags, the priority
     * with its reasons, the approval gate and whether it is noise. The intent triage found stays, as its own reading.
     */
    public void updateCorrected(Handle handle, long postId, Triage corrected) {
        handle.createUpdate("""
                        UPDATE triages SET sensitive = :sensitive, priority = :priority, reasons = :reasons,
                                           human_only = :humanOnly, spam = :spam
                        WHERE post_id = :postId
                        """)
                .bind("postId", postId)
                .bind("spam", corrected.spam())
                .bind("sensitive", joinFlags(corrected.sensitive()))
                .bind("priority", corrected.priority().name())
                .bind("reasons", json.write(corrected.reasons()))
                .bind("humanOnly", corrected.humanOnly())
                .execute();
    }

    /** The queue the post's triage routed it to, if it was routed. */
    public Optional<String> queueOf(Handle handle, long postId) {
        return handle.createQuery("SELECT queue FROM triages WHERE post_id = :postId")
                .bind("postId", postId)
                .mapTo(String.class)
                .findOne();
    }

    public Optional<Triage> triageOf(Handle handle, long postId) {
        return handle.createQuery("SELECT * FROM triages WHERE post_id = :postId")
                .bind("postId", postId)
                .map((rs, ctx) -> new Triage(
                        rs.getString("intent"),
                        rs.getDouble("intent_confidence"),
                        Priority.parse(rs.getString("priority")),
                        json.readStrings(rs.getString("reasons")),
                        rs.getBoolean("spam"),
                        parseFlags(rs.getString("sensitive")),
                        rs.getBoolean("human_only"),
                        rs.getString("language"),
                        new Tone(Tone.Sentiment.parse(rs.getString("sentiment")), rs.getBoolean("sarcasm"))))
                .findOne();
    }

    /** The flags as stored: their keys, sorted, joined by commas. */
    private static String joinFlags(java.util.Set<SensitiveFlag> flags) {
        return flags.stream().map(SensitiveFlag::key).sorted().collect(Collectors.joining(","));
    }

    /** The flags as stored, read back (see {@link #joinFlags}). */
    public static java.util.Set<SensitiveFlag> parseFlags(String joined) {
        if (joined == null || joined.isBlank()) return java.util.Set.of();
        return Arrays.stream(joined.split(",")).map(SensitiveFlag::parse).collect(Collectors.toSet());
    }

    static StoredPost map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        long followers = rs.getLong("author_followers");
        Long followersOrNull = rs.wasNull() ? null : followers;
        boolean verified = rs.getBoolean("author_verified");
        Boolean verifiedOrNull = rs.wasNull() ? null : verified;
        Author author = new Author(rs.getString("author_id"), rs.getString("author_handle"),
                rs.getString("author_name"), followersOrNull, verifiedOrNull);
        Post post = new Post(rs.getString("platform"), rs.getString("platform_id"), author, rs.getString("body"),
                rs.getString("url"), instant(rs, "posted_at"), rs.getString("conversation_id"));
        return new StoredPost(rs.getLong("id"), post, rs.getString("delivery_id"), rs.getString("edit_of"),
                instant(rs, "received_at"), PostState.parse(rs.getString("state")));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
