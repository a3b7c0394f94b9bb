package org.carebot.bot.store;

import org.carebot.triage.Author;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Authors people blocked: keyed by the platform's author id, or the handle when the platform gives no id. */
public final class BlockedAuthors {

    private static final String ID_KEY = "id:";
    private static final String HANDLE_KEY = "handle:";

    /** The key an author is blocked under, or empty when the post names no author at all. */
    public static Optional<String> key(Author author) {
        if (author.id() != null && !author.id().isBlank()) return Optional.of(ID_KEY + author.id());
        if (author.handle() != null && !author.handle().isBlank()) {
            // Platforms and senders differ on the sign and the case.
            return Optional.of(HANDLE_KEY + Author.bareHandle(author.handle()));
        }
        return Optional.empty();
    }

    /** Blocks the author; false when already blocked. */
    public boolean block(Handle handle, String platform, Author author, String actor, long caseId, Instant at) {
        Optional<String> key = key(author);
        if (key.isEmpty() || isBlocked(handle, platform, author)) return false;
        handle.createUpdate("""
                        INSERT INTO blocked_authors (platform, author_key, display, blocked_by, case_id, blocked_at)
                        VALUES (:platform, :key, :display, :actor, :caseId, :at)
                        """)
                .bind("platform", platform)
                .bind("key", key.get())
                .bind("display", author.display())
                .bind("actor", actor)
                .bind("caseId", caseId)
                .bind("at", at)
                .execute();
        return true;
    }

    /** Lets the author open cases again; false when they were not blocked. */
    public boolean unblock(Handle handle, String platform, Author author) {
        Optional<String> key = key(author);
        return key.isPresent() && handle.createUpdate(
                        "DELETE FROM blocked_authors WHERE platform = :platform AND author_key = :key")
                .bind("platform", platform)
                .bind("key", key.get())
                .execute() == 1;
    }

    /** The open cases whose own post is by this author (under the key they are blocked by), oldest first. */
    public List<Long> openCasesOf(Handle handle, String platform, Author author) {
        Optional<String> key = key(author);
        if (key.isEmpty()) return List.of();
        // The key is "id:<id>" or "handle:<lowercased handle without its @>": match the post's column it was made
        // from, where the handle is stored as sent, with or without the sign.
        boolean byId = key.get().startsWith(ID_KEY);
        String sql = "SELECT c.id FROM cases c JOIN posts p ON p.id = c.post_id"
                + " WHERE c.state <> 'resolved' AND p.platform = :platform AND "
                + (byId ? "p.author_id = :author"
                : "p.author_id IS NULL AND LOWER(TRIM(p.author_handle)) IN (:author, '@' || :author)")
                + " ORDER BY c.id";
        return handle.createQuery(sql)
                .bind("platform", platform)
                .bind("author", key.get().substring(key.get().indexOf(':') + 1))
                .mapTo(Long.class)
                .list();
    }

    /** Who posted, for asking about many posts at once. */
    public record Poster(String platform, Author author) {
    }

    /**
     * Which of these posters are blocked, in one query: triage asks once per batch, not once per post.
     */
    public Set<Poster> blockedAmong(Handle handle, List<Poster> posters) {
        Set<String> keys = new HashSet<>();
        for (Poster poster : posters) key(poster.author()).ifPresent(keys::add);
        if (keys.isEmpty()) return Set.of();
        Set<String> blockedKeys = new HashSet<>(handle.createQuery(
                        "SELECT platform, author_key FROM blocked_authors WHERE author_key IN (<keys>)")
                .bindList("keys", List.copyOf(keys))
                .map((row, context) -> row.getString("platform") + "\n" + row.getString("author_key"))
                .list());
        Set<Poster> blocked = new HashSet<>();
        for (Poster poster : posters) {
            key(poster.author()).filter(key -> blockedKeys.contains(poster.platform() + "\n" + key))
                    .ifPresent(key -> blocked.add(poster));
        }
        return blocked;
    }

    public boolean isBlocked(Handle handle, String platform, Author author) {
        Optional<String> key = key(author);
        return key.isPresent() && handle.createQuery("""
                        SELECT COUNT(*) FROM blocked_authors WHERE platform = :platform AND author_key = :key
                        """)
                .bind("platform", platform)
                .bind("key", key.get())
                .mapTo(Integer.class)
                .one() > 0;
    }
}
