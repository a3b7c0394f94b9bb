package org.carebot.bot.store;

import org.carebot.triage.SensitiveFlag;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/** What people said of posts' sensitive flags from their cards, kept so the engine relearns it at every start. */
public final class SensitiveLabelStore {

    /** A person said the post's text is ({@code sensitive}) or is not of this flag. */
    public record SensitiveLabel(long postId, SensitiveFlag flag, boolean sensitive, String text, String actor,
                                 Instant at) {
    }

    public void add(Handle handle, SensitiveLabel label) {
        handle.createUpdate("""
                        INSERT INTO sensitive_labels (post_id, flag, sensitive, body, actor, created_at)
                        VALUES (:postId, :flag, :sensitive, :text, :actor, :at)
                        """)
                .bind("postId", label.postId())
                .bind("flag", label.flag().key())
                .bind("sensitive", label.sensitive())
                .bind("text", label.text())
                .bind("actor", label.actor())
                .bind("at", label.at())
                .execute();
    }

    public List<SensitiveLabel> all(Handle handle) {
        return handle.createQuery("SELECT * FROM sensitive_labels ORDER BY id")
                .map((rs, ctx) -> new SensitiveLabel(rs.getLong("post_id"), SensitiveFlag.parse(rs.getString("flag")),
                        rs.getBoolean("sensitive"), rs.getString("body"), rs.getString("actor"),
                        PostStore.instant(rs, "created_at")))
                .list();
    }
}
