package org.carebot.bot.cases;

import org.carebot.triage.Priority;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The current state of one case. Changes go through {@link CaseCommands}, which records each as an event. */
public record Case(long id, long postId, String queue, String intent, Priority priority, CaseState state,
                   String assignee, String escalatedTo, Instant openedAt, Instant firstResponseDue,
                   Instant resolutionDue, Instant resolvedAt, Instant updatedAt) {

    public Case withQueueAndIntent(String newQueue, String newIntent, Instant now) {
        return new Case(id, postId, newQueue, newIntent, priority, state, assignee, escalatedTo, openedAt,
                firstResponseDue, resolutionDue, resolvedAt, now);
    }

    public Case claimedBy(String user, Instant now) {
        CaseState next = state == CaseState.ESCALATED ? CaseState.ESCALATED : CaseState.CLAIMED;
        return new Case(id, postId, queue, intent, priority, next, user, escalatedTo, openedAt, firstResponseDue,
                resolutionDue, resolvedAt, now);
    }

    public Case escalatedTo(String target, Instant now) {
        return new Case(id, postId, queue, intent, priority, CaseState.ESCALATED, assignee, target, openedAt,
                firstResponseDue, resolutionDue, resolvedAt, now);
    }

    public Case withPriority(Priority newPriority, Instant now) {
        return new Case(id, postId, queue, intent, newPriority, state, assignee, escalatedTo, openedAt, firstResponseDue,
                resolutionDue, resolvedAt, now);
    }

    public Case resolved(Instant now) {
        return new Case(id, postId, queue, intent, priority, CaseState.RESOLVED, assignee, escalatedTo, openedAt,
                firstResponseDue, resolutionDue, now, now);
    }

    /** The fields an action can change, for the before and after of its event. */
    public Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("queue", queue);
        snapshot.put("intent", intent);
        snapshot.put("priority", priority.name());
        snapshot.put("state", state.key());
        snapshot.put("assignee", assignee);
        snapshot.put("escalated_to", escalatedTo);
        return snapshot;
    }
}
