package org.carebot.bot.store;

import java.util.Locale;

/** Where a post stands: waiting for triage, being triaged, on a case, suppressed as noise, or merged as an edit. */
public enum PostState {
    NEW, TRIAGING, CASED, SUPPRESSED, EDIT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PostState parse(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
