package org.carebot.bot.store;

import org.carebot.bot.cards.CardRole;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** Which chat messages show a case: one per channel, its role there, and the message id once posted. */
public final class CardStore {

    public record CardPlacement(long caseId, String channel, CardRole role, String messageTs) {
    }

    /** Places (or re-roles) the case's card in a channel; returns true when the channel had no card yet. */
    public boolean place(Handle handle, long caseId, String channel, CardRole role) {
        Optional<CardPlacement> existing = find(handle, caseId, channel);
        if (existing.isPresent()) {
            handle.createUpdate("UPDATE case_cards SET role = :role WHERE case_id = :caseId AND channel = :channel")
                    .bind("role", role.name())
                    .bind("caseId", caseId)
                    .bind("channel", channel)
                    .execute();
            return false;
        }
        handle.createUpdate("INSERT INTO case_cards (case_id, channel, role) VALUES (:caseId, :channel, :role)")
                .bind("caseId", caseId)
                .bind("channel", channel)
                .bind("role", role.name())
                .execute();
        return true;
    }

    public void setMessageTs(Handle handle, long caseId, String channel, String ts) {
        handle.createUpdate("UPDATE case_cards SET message_ts = :ts WHERE case_id = :caseId AND channel = :channel")
                .bind("ts", ts)
                .bind("caseId", caseId)
                .bind("channel", channel)
                .execute();
    }

    public Optional<CardPlacement> find(Handle handle, long caseId, String channel) {
        return handle.createQuery("SELECT * FROM case_cards WHERE case_id = :caseId AND channel = :channel")
                .bind("caseId", caseId)
                .bind("channel", channel)
                .map(CardStore::map)
                .findOne();
    }

    /** The cards of all these cases, in one query. */
    public List<CardPlacement> listAll(Handle handle, java.util.Collection<Long> caseIds) {
        if (caseIds.isEmpty()) return List.of();
        return handle.createQuery("SELECT * FROM case_cards WHERE case_id IN (<caseIds>)")
                .bindList("caseIds", List.copyOf(new java.util.LinkedHashSet<>(caseIds)))
                .map(CardStore::map)
                .list();
    }

    public List<CardPlacement> list(Handle handle, long caseId) {
        return handle.createQuery("SELECT * FROM case_cards WHERE case_id = :caseId ORDER BY channel")
                .bind("caseId", caseId)
                .map(CardStore::map)
                .list();
    }

    private static CardPlacement map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new CardPlacement(rs.getLong("case_id"), rs.getString("channel"), CardRole.valueOf(rs.getString("role")),
                rs.getString("message_ts"));
    }
}
