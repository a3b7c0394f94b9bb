package org.carebot.bot.store;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Storms and the counts that define them. */
public final class IncidentStore {

    /** A storm of one cluster (subject: the case id) or of one intent (subject: the intent). */
    public record Incident(long id, Kind kind, String subject, long caseId, Instant openedAt) {
        public enum Kind { CLUSTER, INTENT }
    }

    public Incident open(Handle handle, Incident.Kind kind, String subject, long caseId, Instant at) {
        long id = handle.createUpdate("""
                        INSERT INTO incidents (kind, subject, case_id, opened_at) VALUES (:kind, :subject, :caseId, :at)
                        """)
                .bind("kind", kind.name())
                .bind("subject", subject)
                .bind("caseId", caseId)
                .bind("at", at)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return new Incident(id, kind, subject, caseId, at);
    }

    /** The storm about this subject (an intent), however it was spotted, opened since {@code since}, if one is. */
    public Optional<Incident> openSince(Handle handle, String subject, Instant since) {
        return handle.createQuery("""
                        SELECT * FROM incidents WHERE subject = :subject AND opened_at >= :since ORDER BY id DESC LIMIT 1
                        """)
                .bind("subject", subject)
                .bind("since", since)
                .map(IncidentStore::map)
                .findOne();
    }

    public Optional<Incident> latestForCase(Handle handle, long caseId) {
        return handle.createQuery("SELECT * FROM incidents WHERE case_id = :caseId ORDER BY id DESC LIMIT 1")
                .bind("caseId", caseId)
                .map(IncidentStore::map)
                .findOne();
    }

    /**
     * Posts of a cluster (the case's own and its repeats) per platform, received since {@code since}. Starts from the
     * case's members: filtering every post of the window first was half of the triage writer's time in a storm.
     */
    public Map<String, Integer> clusterPostsByPlatform(Handle handle, long caseId, Instant since) {
        return perPlatform(handle.createQuery("SELECT p.platform, COUNT(*) AS posts FROM (" + ClusterStore.CASE_POSTS
                        + ") m JOIN posts p ON p.id = m.post_id WHERE p.received_at >= :since"
                        + " GROUP BY p.platform ORDER BY posts DESC, p.platform")
                .bind("caseId", caseId)
                .bind("since", since)
                .map((rs, ctx) -> Map.entry(rs.getString("platform"), rs.getInt("posts")))
                .list());
    }

    /** Posts triaged as an intent (noise excluded) per platform, in [from, to). */
    public Map<String, Integer> intentPostsByPlatform(Handle handle, String intent, Instant from, Instant to) {
        return perPlatform(handle.createQuery("""
                        SELECT p.platform, COUNT(*) AS posts FROM triages t JOIN posts p ON p.id = t.post_id
                        WHERE t.intent = :intent AND t.spam = FALSE AND t.triaged_at >= :from AND t.triaged_at < :to
                        GROUP BY p.platform ORDER BY posts DESC, p.platform
                        """)
                .bind("intent", intent)
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> Map.entry(rs.getString("platform"), rs.getInt("posts")))
                .list());
    }

    private static Map<String, Integer> perPlatform(List<Map.Entry<String, Integer>> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rows.forEach(row -> counts.put(row.getKey(), row.getValue()));
        return counts;
    }

    private static Incident map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new Incident(rs.getLong("id"), Incident.Kind.valueOf(rs.getString("kind")), rs.getString("subject"),
                rs.getLong("case_id"), PostStore.instant(rs, "opened_at"));
    }
}
