package org.carebot.triage;

/** Urgency by business risk. P1 is the most urgent. */
public enum Priority {
    P1, P2, P3, P4;

    public static Priority parse(String value) {
        try {
            return Priority.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown priority '" + value + "' (expected P1, P2, P3 or P4)");
        }
    }
}
