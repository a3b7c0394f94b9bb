package org.carebot.bot.store;

import java.util.Locale;

/**
 * Where a post stands: waiting for triage, being triaged, opened a case, joined a case as a repeat, suppressed as
 * noise, merged as an edit, or set aside because its triage could not be written (kept, logged and counted).
 */
public enum PostState {
    NEW, TRIAGING, CASED, JOINED, SUPPRESSED, EDIT, FAILED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PostState parse(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
