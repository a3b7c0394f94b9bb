package org.carebot.triage;

import java.util.List;
import java.util.Objects;

/** Where a triaged post goes: the queue that owns it, the queues told too (alsoNotify), and the rule that decided. */
public record Route(String queue, List<String> alsoNotify, String rule) {
    public Route {
        Objects.requireNonNull(queue, "queue");
        alsoNotify = List.copyOf(alsoNotify);
    }
}
