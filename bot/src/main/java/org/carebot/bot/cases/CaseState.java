package org.carebot.bot.cases;

import java.util.Locale;

public enum CaseState {
    OPEN, CLAIMED, ESCALATED, RESOLVED;

    public boolean isOpen() {
        return this != RESOLVED;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CaseState parse(String key) {
        try {
            return valueOf(key.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown case state '" + key + "' (open, claimed, escalated, resolved)");
        }
    }
}
