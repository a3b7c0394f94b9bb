package org.carebot.bot.store;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/** Posts labeled by people (retags), kept so the engine relearns them at every start. */
public final class LabeledExampleStore {

    public record LabeledExample(long postId, String intent, String text, String actor, Instant at) {
    }

    public void add(Handle handle, LabeledExample example) {
        handle.createUpdate("""
                        INSERT INTO labeled_examples (post_id, intent, body, actor, created_at)
                        VALUES (:postId, :intent, :text, :actor, :at)
                        """)
                .bind("postId", example.postId())
                .bind("intent", example.intent())
                .bind("text", example.text())
                .bind("actor", example.actor())
                .bind("at", example.at())
                .execute();
    }

    public List<LabeledExample> all(Handle handle) {
        return handle.createQuery("SELECT * FROM labeled_examples ORDER BY id")
                .map((rs, ctx) -> new LabeledExample(rs.getLong("post_id"), rs.getString("intent"), rs.getString("body"),
                        rs.getString("actor"), PostStore.instant(rs, "created_at")))
                .list();
    }
}
