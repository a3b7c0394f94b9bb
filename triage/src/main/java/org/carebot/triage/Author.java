package org.carebot.triage;

import java.util.Locale;

/**
 * Who wrote a post, as far as the platform tells. Reach fields are null when the platform does not give them.
 */
public record Author(String id, String handle, String name, Long followers, Boolean verified) {

    public static Author unknown() {
        return new Author(null, null, null, null, null);
    }

    /** The best short label for people: the handle, else the name, else the id. */
    public String display() {
        if (handle != null && !handle.isBlank()) return handle;
        if (name != null && !name.isBlank()) return name;
        return id == null ? "unknown" : id;
    }

    /** A handle as one account: without its "@", surrounding spaces or case ("@Dana_K " and "dana_k" are one). */
    public static String bareHandle(String handle) {
        return handle.strip().replaceFirst("^@", "").toLowerCase(Locale.ROOT);
    }

    public boolean isVerified() {
        return Boolean.TRUE.equals(verified);
    }
}
