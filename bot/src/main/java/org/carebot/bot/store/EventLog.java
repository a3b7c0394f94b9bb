package org.carebot.bot.store;

import org.carebot.bot.Sha256;
import org.carebot.bot.cases.CaseEvent;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The append-only audit trail of cases. Each event stores the hash of the case's previous event and its own,
 * so any edit or deletion of history breaks the chain ({@link #verifyChain}).
 */
public final class EventLog {

    private final Json json;

    public EventLog(Json json) {
        this.json = json;
    }

    public CaseEvent append(Handle handle, long caseId, String actor, String action, Object before, Object after,
                            String detail, Instant at) {
        String beforeJson = before == null ? null : json.write(before);
        String afterJson = after == null ? null : json.write(after);
        String prevHash = handle.createQuery("""
                        SELECT event_hash FROM case_events WHERE case_id = :caseId ORDER BY id DESC LIMIT 1
                        """)
                .bind("caseId", caseId)
                .mapTo(String.class)
                .findOne()
                .orElse(null);
        String hash = hash(prevHash, caseId, actor, action, at, beforeJson, afterJson, detail);
        long id = handle.createUpdate("""
                        INSERT INTO case_events (case_id, actor, action, occurred_at, before_state, after_state, detail,
                                                 prev_hash, event_hash)
                        VALUES (:caseId, :actor, :action, :at, :before, :after, :detail, :prevHash, :hash)
                        """)
                .bind("caseId", caseId)
                .bind("actor", actor)
                .bind("action", action)
                .bind("at", at)
                .bind("before", beforeJson)
                .bind("after", afterJson)
                .bind("detail", detail)
                .bind("prevHash", prevHash)
                .bind("hash", hash)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return new CaseEvent(id, caseId, actor, action, at, beforeJson, afterJson, detail, prevHash, hash);
    }

    public boolean has(Handle handle, long caseId, String action) {
        return handle.createQuery("SELECT COUNT(*) FROM case_events WHERE case_id = :caseId AND action = :action")
                .bind("caseId", caseId)
                .bind("action", action)
                .mapTo(Integer.class)
                .one() > 0;
    }

    public List<CaseEvent> list(Handle handle, long caseId) {
        return handle.createQuery("SELECT * FROM case_events WHERE case_id = :caseId ORDER BY id")
                .bind("caseId", caseId)
                .map((rs, ctx) -> new CaseEvent(rs.getLong("id"), rs.getLong("case_id"), rs.getString("actor"),
                        rs.getString("action"), PostStore.instant(rs, "occurred_at"), rs.getString("before_state"),
                        rs.getString("after_state"), rs.getString("detail"), rs.getString("prev_hash"),
                        rs.getString("event_hash")))
                .list();
    }

    /** True when every event's hash matches its content and links to the one before it. */
    public boolean verifyChain(Handle handle, long caseId) {
        String previous = null;
        for (CaseEvent event : list(handle, caseId)) {
            String expected = hash(previous, caseId, event.actor(), event.action(), event.occurredAt(),
                    event.before(), event.after(), event.detail());
            if (!Objects.equals(previous, event.prevHash()) || !expected.equals(event.hash())) return false;
            previous = event.hash();
        }
        return true;
    }

    private static String hash(String prevHash, long caseId, String actor, String action, Instant at, String before,
                               String after, String detail) {
        String content = String.join("\u001f", String.valueOf(prevHash), Long.toString(caseId), actor, action,
                Long.toString(at.toEpochMilli()), String.valueOf(before), String.valueOf(after), String.valueOf(detail));
        return Sha256.hex(content);
    }
}
