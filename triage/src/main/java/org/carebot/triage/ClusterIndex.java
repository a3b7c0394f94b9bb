package org.carebot.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The open cases a new post could repeat: each remembered by the fingerprints of its posts, for a time window after
 * its last post. A repeat of one of them joins that case instead of opening a new one. Not thread-safe: one triage
 * loop owns it.
 */
public final class ClusterIndex {

    /** A post that joins an open case, and how it matched. */
    public record Join(long caseId, Duplicates.Match match) {
    }

    private record Member(long caseId, Fingerprint fingerprint, Instant at) {
    }

    private final Duplicates duplicates;
    private final Duration window;
    private final List<Member> members = new ArrayList<>();

    public ClusterIndex(Duplicates duplicates, Duration window) {
        this.duplicates = duplicates;
        this.window = window;
    }

    /**
     * The open cases this post may repeat, best match first (exact, then near, then semantic; then score; then the most
     * recent), one per case. The caller confirms against the case as stored: open, and for a semantic match, still of
     * the post's intent (a retag may have changed it since).
     */
    public List<Join> candidates(Fingerprint fingerprint, Instant now) {
        expire(now);
        List<Scored> scored = new ArrayList<>();
        for (Member member : members) {
            duplicates.match(fingerprint, member.fingerprint()).ifPresent(match -> scored.add(new Scored(member, match)));
        }
        scored.sort(Comparator.comparingInt((Scored s) -> s.match().kind().ordinal())
                .thenComparing(Comparator.comparingDouble((Scored s) -> s.match().score()).reversed())
                .thenComparing(Comparator.comparing((Scored s) -> s.member().at()).reversed()));
        List<Join> joins = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Scored s : scored) {
            if (seen.add(s.member().caseId())) joins.add(new Join(s.member().caseId(), s.match()));
        }
        return joins;
    }

    private record Scored(Member member, Duplicates.Match match) {
    }

    public void add(long caseId, Fingerprint fingerprint, Instant at) {
        members.add(new Member(caseId, fingerprint, at));
    }

    /** A case that closed takes no more repeats. */
    public void forget(long caseId) {
        members.removeIf(member -> member.caseId() == caseId);
    }

    public int size() {
        return members.size();
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(window);
        members.removeIf(member -> member.at().isBefore(cutoff));
    }
}
