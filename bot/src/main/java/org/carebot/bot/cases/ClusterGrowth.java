package org.carebot.bot.cases;

import org.carebot.bot.store.ClusterStore;
import org.carebot.triage.Priority;
import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * A growing cluster is a growing risk: each size in {@code priority.cluster_growth} that a case's cluster reaches puts
 * the case one level above the priority its first post was triaged with. Triage raises a case as repeats join it; a
 * person's correction of intent or flags recomputes the first post's priority and keeps the raise.
 */
public final class ClusterGrowth {

    private final ClusterStore clusters;
    private final List<Integer> sizes;

    public ClusterGrowth(ClusterStore clusters, List<Integer> sizes) {
        this.clusters = clusters;
        this.sizes = List.copyOf(sizes);
    }

    /** How many posts the case's cluster holds, its first post included. */
    public int posts(Handle handle, long caseId) {
        return clusters.repeats(handle, caseId) + 1;
    }

    /** The priority of a case whose first post was triaged {@code first} and whose cluster holds {@code posts}. */
    public Priority raise(Priority first, int posts) {
        long tiers = sizes.stream().filter(size -> posts >= size).count();
        return Priority.values()[(int) Math.max(0, first.ordinal() - tiers)];
    }
}
