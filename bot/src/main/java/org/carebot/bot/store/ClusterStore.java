package org.carebot.bot.store;

import org.carebot.triage.Duplicates;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which posts joined which case as repeats, and the tally a card shows. */
public final class ClusterStore {

    /** How many repeats joined a case, from which platforms, over how long. */
    public record Tally(int repeats, List<String> platforms, Instant first, Instant last) {
        public static Tally none() {
            return new Tally(0, List.of(), null, null);
        }

    }

    /** A post that joined a case as a repeat: how it matched and when it joined. */
    public record Repeat(long postId, Duplicates.Match match, Instant joinedAt) {
    }

    /** A post of a case (its own or a repeat) with its text, for rebuilding the cluster index after a restart. */
    public record Member(long caseId, String intent, String text, Instant at) {
    }

    /** The ids (as {@code post_id}) of case {@code :caseId}'s own post and its repeats, for a subquery. */
    static final String CASE_POSTS = """
            SELECT post_id FROM case_posts WHERE case_id = :caseId
            UNION ALL SELECT post_id FROM cases WHERE id = :caseId""";

    public void join(Handle handle, long caseId, long postId, Duplicates.Match match, Instant at) {
        handle.createUpdate("""
                        INSERT INTO case_posts (case_id, post_id, how, score, joined_at)
                        VALUES (:caseId, :postId, :how, :score, :at)
                        """)
                .bind("caseId", caseId)
                .bind("postId", postId)
                .bind("how", how(match.kind()))
                .bind("score", match.score())
                .bind("at", at)
                .execute();
    }

    /** The case a post joined as a repeat, if it did. */
    public Optional<Long> caseOfRepeat(Handle handle, long postId) {
        return handle.createQuery("SELECT case_id FROM case_posts WHERE post_id = :postId")
                .bind("postId", postId)
                .mapTo(Long.class)
                .findFirst();
    }

    /** The post is no longer a repeat of the case: its row as it was, or empty when it was not one. */
    public Optional<Repeat> leave(Handle handle, long caseId, long postId) {
        Optional<Repeat> repeat = handle.createQuery(
                        "SELECT post_id, how, score, joined_at FROM case_posts WHERE case_id = :caseId AND post_id = :postId")
                .bind("caseId", caseId)
                .bind("postId", postId)
                .map((rs, ctx) -> repeat(rs))
                .findFirst();
        repeat.ifPresent(removed -> handle.createUpdate("DELETE FROM case_posts WHERE case_id = :caseId AND post_id = :postId")
                .bind("caseId", caseId)
                .bind("postId", postId)
                .execute());
        return repeat;
    }

    /** A person split a repeat off case {@code fromCase} into case {@code toCase}: kept for judging how it matched. */
    public void recordSplit(Handle handle, Repeat repeat, long fromCase, long toCase, String actor, Instant at) {
        handle.createUpdate("""
                        INSERT INTO repeat_splits (post_id, from_case, to_case, how, score, actor, split_at)
                        VALUES (:postId, :fromCase, :toCase, :how, :score, :actor, :at)
                        """)
                .bind("postId", repeat.postId())
                .bind("fromCase", fromCase)
                .bind("toCase", toCase)
                .bind("how", how(repeat.match().kind()))
                .bind("score", repeat.match().score())
                .bind("actor", actor)
                .bind("at", at)
                .execute();
    }

    /** How a match is stored: {@code exact}, {@code near} or {@code semantic}. */
    static String how(Duplicates.Match.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The kind of match a stored {@code how} names. */
    public static Duplicates.Match.Kind kind(String how) {
        return Duplicates.Match.Kind.valueOf(how.toUpperCase(Locale.ROOT));
    }

    private static Repeat repeat(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Repeat(rs.getLong("post_id"), new Duplicates.Match(kind(rs.getString("how")), rs.getDouble("score")),
                PostStore.instant(rs, "joined_at"));
    }

    /** The latest repeats of a case, newest first. */
    public List<Repeat> latestRepeats(Handle handle, long caseId, int limit) {
        return handle.createQuery("""
                        SELECT post_id, how, score, joined_at FROM case_posts WHERE case_id = :caseId
                        ORDER BY joined_at DESC, post_id DESC LIMIT :limit
                        """)
                .bind("caseId", caseId)
                .bind("limit", limit)
                .map((rs, ctx) -> repeat(rs))
                .list();
    }

    /** Distinct authors of a case's own post, its repeats and post {@code postId}, received since {@code since}. */
    public int authorsSince(Handle handle, long caseId, long postId, Instant since) {
        return handle.createQuery("SELECT COUNT(DISTINCT p.platform || ':' || COALESCE(p.author_id, p.author_handle, ''))"
                        + " FROM (" + CASE_POSTS + " UNION ALL SELECT id AS post_id FROM posts WHERE id = :postId) m"
                        + " JOIN posts p ON p.id = m.post_id WHERE p.received_at >= :since")
                .bind("caseId", caseId)
                .bind("postId", postId)
                .bind("since", since)
                .mapTo(Integer.class)
                .one();
    }

    /** How many repeats joined the case: the tally's count alone, without its platforms and span. */
    public int repeats(Handle handle, long caseId) {
        return handle.createQuery("SELECT COUNT(*) FROM case_posts WHERE case_id = :caseId")
                .bind("caseId", caseId)
                .mapTo(Integer.class)
                .one();
    }

    public Tally tally(Handle handle, long caseId) {
        List<String> platforms = handle.createQuery("""
                        SELECT DISTINCT p.platform FROM case_posts cp JOIN posts p ON p.id = cp.post_id
                        WHERE cp.case_id = :caseId ORDER BY p.platform
                        """)
                .bind("caseId", caseId)
                .mapTo(String.class)
                .list();
        return handle.createQuery("""
                        SELECT COUNT(*) AS repeats, MIN(joined_at) AS first_at, MAX(joined_at) AS last_at
                        FROM case_posts WHERE case_id = :caseId
                        """)
                .bind("caseId", caseId)
                .map((rs, ctx) -> rs.getInt("repeats") == 0 ? Tally.none()
                        : new Tally(rs.getInt("repeats"), platforms, PostStore.instant(rs, "first_at"),
                        PostStore.instant(rs, "last_at")))
                .one();
    }

    /**
     * The posts of open cases active since {@code since}: each case's own post, as of when its case opened (a repeat
     * a person split off long after it came opens its case then), and its repeats, as of when they joined.
     */
    public List<Member> openMembersSince(Handle handle, Instant since) {
        return handle.createQuery("""
                        SELECT c.id AS case_id, c.intent, p.body, c.opened_at AS received_at
                        FROM cases c JOIN posts p ON p.id = c.post_id
                        WHERE c.state <> 'resolved' AND c.opened_at >= :since
                        UNION ALL
                        SELECT c.id AS case_id, c.intent, p.body, cp.joined_at AS received_at
                        FROM case_posts cp JOIN cases c ON c.id = cp.case_id JOIN posts p ON p.id = cp.post_id
                        WHERE c.state <> 'resolved' AND cp.joined_at >= :since
                        """)
                .bind("since", since)
                .map((rs, ctx) -> new Member(rs.getLong("case_id"), rs.getString("intent"), rs.getString("body"),
                        PostStore.instant(rs, "received_at")))
                .list();
    }
}
