package org.carebot.triage;

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

    public boolean isVerified() {
        return Boolean.TRUE.equals(verified);
    }
}
