package org.carebot.bot.store;

import org.carebot.bot.cases.Case;
import org.carebot.bot.cases.CaseState;
import org.carebot.triage.Priority;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The current state of cases. Written only together with an event (see {@link EventLog}). */
public final class CaseStore {

    /** Filters for listing cases; null means any. */
    public record Filter(String queue, CaseState state, Priority priority, int limit) {
    }

    public Case open(Handle handle, long postId, String queue, String intent, Priority priority, Instant now,
                     Instant firstResponseDue, Instant resolutionDue) {
        long id = handle.createUpdate("""
                        INSERT INTO cases (post_id, queue, intent, priority, state, opened_at, first_response_due,
                                           resolution_due, updated_at)
                        VALUES (:postId, :queue, :intent, :priority, 'open', :now, :firstDue, :resolutionDue, :now)
                        """)
                .bind("postId", postId)
                .bind("queue", queue)
                .bind("intent", intent)
                .bind("priority", priority.name())
                .bind("now", now)
                .bind("firstDue", firstResponseDue)
                .bind("resolutionDue", resolutionDue)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return new Case(id, postId, queue, intent, priority, CaseState.OPEN, null, null, now, firstResponseDue,
                resolutionDue, null, now);
    }

    public Optional<Case> find(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM cases WHERE id = :id").bind("id", id).map(CaseStore::map).findOne();
    }

    public Optional<Case> findByPost(Handle handle, long postId) {
        return handle.createQuery("SELECT * FROM cases WHERE post_id = :postId")
                .bind("postId", postId)
                .map(CaseStore::map)
                .findOne();
    }

    /** Loads a case and locks its row until the transaction ends, so two actions on one case run one after the other. */
    public Optional<Case> findForUpdate(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM cases WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(CaseStore::map)
                .findOne();
    }

    public void save(Handle handle, Case updated) {
        handle.createUpdate("""
                        UPDATE cases SET queue = :queue, intent = :intent, priority = :priority, state = :state,
                               assignee = :assignee, escalated_to = :escalatedTo, resolved_at = :resolvedAt,
                               updated_at = :updatedAt
                        WHERE id = :id
                        """)
                .bind("queue", updated.queue())
                .bind("intent", updated.intent())
                .bind("priority", updated.priority().name())
                .bind("state", updated.state().key())
                .bind("assignee", updated.assignee())
                .bind("escalatedTo", updated.escalatedTo())
                .bind("resolvedAt", updated.resolvedAt())
                .bind("updatedAt", updated.updatedAt())
                .bind("id", updated.id())
                .execute();
    }

    public List<Case> list(Handle handle, Filter filter) {
        List<String> conditions = new ArrayList<>();
        if (filter.queue() != null) conditions.add("queue = :queue");
        if (filter.state() != null) conditions.add("state = :state");
        if (filter.priority() != null) conditions.add("priority = :priority");
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
        Query query = handle.createQuery("SELECT * FROM cases " + where + " ORDER BY id DESC LIMIT :limit")
                .bind("limit", filter.limit());
        if (filter.queue() != null) query.bind("queue", filter.queue());
        if (filter.state() != null) query.bind("state", filter.state().key());
        if (filter.priority() != null) query.bind("priority", filter.priority().name());
        return query.map(CaseStore::map).list();
    }

    /** Open (not resolved) cases, oldest first. */
    public List<Case> openCases(Handle handle) {
        return handle.createQuery("SELECT * FROM cases WHERE state <> 'resolved' ORDER BY opened_at, id")
                .map(CaseStore::map)
                .list();
    }

    public int countOpenedSince(Handle handle, Instant since) {
        return handle.createQuery("SELECT COUNT(*) FROM cases WHERE opened_at >= :since")
                .bind("since", since)
                .mapTo(Integer.class)
                .one();
    }

    static Case map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Case(rs.getLong("id"), rs.getLong("post_id"), rs.getString("queue"), rs.getString("intent"),
                Priority.parse(rs.getString("priority")), CaseState.parse(rs.getString("state")),
                rs.getString("assignee"), rs.getString("escalated_to"), PostStore.instant(rs, "opened_at"),
                PostStore.instant(rs, "first_response_due"), PostStore.instant(rs, "resolution_due"),
                PostStore.instant(rs, "resolved_at"), PostStore.instant(rs, "updated_at"));
    }
}
