package org.carebot.bot.outbox;

import org.carebot.bot.store.Json;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The durable outbox table. Enqueue in the same transaction as the change that caused it. */
public final class Outbox {

    private final Json json;

    public Outbox(Json json) {
        this.json = json;
    }

    /**
     * Asks for the case's card in the channel to show the case as it is now. Merges with a pending request for the
     * same card, so a burst of changes costs one Slack call. Returns true when a new delivery was enqueued.
     */
    public boolean requestCard(Handle handle, long caseId, String channel, Instant now) {
        boolean pending = handle.createQuery("""
                        SELECT COUNT(*) FROM outbox
                        WHERE case_id = :caseId AND channel = :channel AND kind = 'card' AND state = 'pending'
                        """)
                .bind("caseId", caseId)
                .bind("channel", channel)
                .mapTo(Integer.class)
                .one() > 0;
        if (pending) return false;
        insert(handle, Delivery.Kind.CARD, channel, caseId, null, now);
        return true;
    }

    /** A message only {@code user} sees in the channel, e.g. why an action was refused. */
    public void requestEphemeral(Handle handle, String channel, String user, String text, Instant now) {
        insert(handle, Delivery.Kind.EPHEMERAL, channel, null, json.write(Map.of("user", user, "text", text)), now);
    }

    /** A queue's digest of suppressed posts, rendered at send time from {@code payload} (queue, since). */
    public void requestDigest(Handle handle, String channel, Map<String, String> payload, Instant now) {
        insert(handle, Delivery.Kind.DIGEST, channel, null, json.write(payload), now);
    }

    public Map<String, Object> payload(Delivery delivery) {
        return json.readMap(delivery.payload());
    }

    private void insert(Handle handle, Delivery.Kind kind, String channel, Long caseId, String payload, Instant now) {
        handle.createUpdate("""
                        INSERT INTO outbox (kind, channel, case_id, payload, state, attempts, next_attempt_at, created_at)
                        VALUES (:kind, :channel, :caseId, :payload, 'pending', 0, :now, :now)
                        """)
                .bind("kind", key(kind))
                .bind("channel", channel)
                .bind("caseId", caseId)
                .bind("payload", payload)
                .bind("now", now)
                .execute();
    }

    public Map<String, String> ephemeralPayload(Delivery delivery) {
        Map<String, Object> raw = json.readMap(delivery.payload());
        return Map.of("user", String.valueOf(raw.get("user")), "text", String.valueOf(raw.get("text")));
    }

    /** Pending deliveries due by {@code now}, oldest first. */
    public List<Delivery> due(Handle handle, Instant now, int limit) {
        return handle.createQuery("""
                        SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= :now ORDER BY id LIMIT :limit
                        """)
                .bind("now", now)
                .bind("limit", limit)
                .map(Outbox::map)
                .list();
    }

    public Optional<Instant> nextDueAt(Handle handle) {
        return handle.createQuery("SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'")
                .map((rs, ctx) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .one();
    }

    /** Takes a delivery for sending; false when another worker took it first. */
    public boolean claim(Handle handle, long id) {
        return handle.createUpdate("UPDATE outbox SET state = 'sending' WHERE id = :id AND state = 'pending'")
                .bind("id", id)
                .execute() == 1;
    }

    public void markSent(Handle handle, long id, Instant at) {
        handle.createUpdate("UPDATE outbox SET state = 'sent', sent_at = :at, attempts = attempts + 1 WHERE id = :id")
                .bind("at", at)
                .bind("id", id)
                .execute();
    }

    public void retryLater(Handle handle, long id, Instant when, String error) {
        handle.createUpdate("""
                        UPDATE outbox SET state = 'pending', attempts = attempts + 1, next_attempt_at = :when,
                               last_error = :error
                        WHERE id = :id
                        """)
                .bind("when", when)
                .bind("error", truncate(error))
                .bind("id", id)
                .execute();
    }

    /** Puts a taken delivery back without counting an attempt (it was not sent, e.g. it waits for its card). */
    public void postpone(Handle handle, long id, Instant when) {
        handle.createUpdate("UPDATE outbox SET state = 'pending', next_attempt_at = :when WHERE id = :id")
                .bind("when", when)
                .bind("id", id)
                .execute();
    }

    public void markFailed(Handle handle, long id, String error) {
        handle.createUpdate("UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = :error WHERE id = :id")
                .bind("error", truncate(error))
                .bind("id", id)
                .execute();
    }

    public void markNotConfigured(Handle handle, long id) {
        handle.createUpdate("""
                        UPDATE outbox SET state = 'not_configured', last_error = 'chat surface not configured'
                        WHERE id = :id
                        """)
                .bind("id", id)
                .execute();
    }

    /** After a crash, deliveries that were being sent go back to pending: at least once beats never. */
    public int requeueInterrupted(Handle handle) {
        return handle.createUpdate("UPDATE outbox SET state = 'pending' WHERE state = 'sending'").execute();
    }

    public int countByState(Handle handle, Delivery.State state) {
        return handle.createQuery("SELECT COUNT(*) FROM outbox WHERE state = :state")
                .bind("state", key(state))
                .mapTo(Integer.class)
                .one();
    }

    /** Age of the oldest delivery still waiting, zero when none waits. */
    public Duration oldestPendingAge(Handle handle, Instant now) {
        return handle.createQuery("SELECT MIN(created_at) FROM outbox WHERE state IN ('pending', 'sending')")
                .map((rs, ctx) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .one()
                .map(oldest -> Duration.between(oldest, now))
                .filter(age -> !age.isNegative())
                .orElse(Duration.ZERO);
    }

    public List<Delivery> forCase(Handle handle, long caseId) {
        return handle.createQuery("SELECT * FROM outbox WHERE case_id = :caseId ORDER BY id")
                .bind("caseId", caseId)
                .map(Outbox::map)
                .list();
    }

    private static String key(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String truncate(String error) {
        if (error == null) return null;
        return error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    private static Delivery map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        long caseId = rs.getLong("case_id");
        Long caseIdOrNull = rs.wasNull() ? null : caseId;
        return new Delivery(rs.getLong("id"),
                Delivery.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                rs.getString("channel"), caseIdOrNull, rs.getString("payload"),
                Delivery.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
