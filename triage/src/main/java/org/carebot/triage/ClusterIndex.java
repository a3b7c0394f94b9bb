package org.carebot.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open cases a new post could repeat: each remembered by the fingerprints of a few of its posts (the first and the
 * latest), for a time window after each. Lookups are indexed, so a flood does not slow down as it grows: the same words
 * by hash, near repeats by SimHash bands (two hashes within 3 bits share one of four 16-bit bands), the same issue in
 * other words by embedding among the cases of the same intent only. Not thread-safe: one triage loop owns it.
 */
public final class ClusterIndex {

    /** A post that joins an open case, and how it matched. */
    public record Join(long caseId, Duplicates.Match match) {
    }

    /** Identity, not value, equality: each member is one post of a case, and hashing its fingerprint cost time. */
    private static final class Member {
        final long caseId;
        String intent;
        final Fingerprint fingerprint;
        final Instant at;
        /** This member's row on its intent's shelf, when it has an embedding. */
        int shelfRow = -1;

        Member(long caseId, String intent, Fingerprint fingerprint, Instant at) {
            this.caseId = caseId;
            this.intent = intent;
            this.fingerprint = fingerprint;
            this.at = at;
        }
    }

    private static final int MEMBERS_PER_CASE = 5;
    private static final int BANDS = 4;

    private final Duplicates duplicates;
    private final Duration window;
    private final boolean bandsFindEveryNearRepeat;
    private final Deque<Member> byAge = new ArrayDeque<>();
    private final Map<Long, List<Member>> byCase = new HashMap<>();
    private final Map<String, Set<Member>> byExactKey = new HashMap<>();
    private final List<Map<Integer, Set<Member>>> byBand = new ArrayList<>();
    /** Per intent, the embeddings of its members, scanned together for the same issue in other words. */
    private final Map<String, VectorShelf<Member>> byIntent = new HashMap<>();

    public ClusterIndex(Duplicates duplicates, Duration window) {
        this.duplicates = duplicates;
        this.window = window;
        // Two hashes that differ in fewer bits than there are bands agree on at least one whole band.
        this.bandsFindEveryNearRepeat = duplicates.settings().nearDuplicateBits() < BANDS;
        for (int band = 0; band < BANDS; band++) byBand.add(new HashMap<>());
    }

    /**
     * The open cases this post may repeat, best match first (exact, then near, then semantic; then score; then the most
     * recent), one per case. The caller confirms against the case as stored: open, and for a semantic match, still of
     * the post's intent (a retag may have changed it since).
     */
    public List<Join> candidates(Fingerprint fingerprint, String intent, Instant now) {
        expire(now);
        Set<Member> sameWords = new HashSet<>(byExactKey.getOrDefault(fingerprint.exactKey(), Set.of()));
        for (int band = 0; band < BANDS; band++) {
            sameWords.addAll(byBand.get(band).getOrDefault(band(fingerprint, band), Set.of()));
        }
        List<Scored> scored = new ArrayList<>();
        for (Member member : sameWords) score(fingerprint, member, scored);
        VectorShelf<Member> shelf = fingerprint.vector() == null ? null : byIntent.get(intent);
        if (shelf != null) {
            // One vectorized scan for the whole intent; the comparison one by one was most of the writer's time.
            float[] similarities = shelf.dot(fingerprint.vector());
            for (int row = 0; row < similarities.length; row++) {
                double similarity = similarities[row];
                // The exact key and the bands already found every post of the same words, so a row that is not
                // alike enough in meaning cannot match: skipped before its member is even read (in a flood, the
                // members' lookups cost as much as the scan).
                if (bandsFindEveryNearRepeat && !duplicates.isSemantic(similarity)) continue;
                Member member = shelf.item(row);
                if (sameWords.contains(member)) continue;
                duplicates.sameWords(fingerprint, member.fingerprint).or(() -> duplicates.semantic(similarity))
                        .ifPresent(match -> scored.add(new Scored(member, match)));
            }
        }
        scored.sort(Comparator.comparingInt((Scored s) -> s.match().kind().ordinal())
                .thenComparing(Comparator.comparingDouble((Scored s) -> s.match().score()).reversed())
                .thenComparing(Comparator.comparing((Scored s) -> s.member().at).reversed()));
        List<Join> joins = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Scored s : scored) {
            if (seen.add(s.member().caseId)) joins.add(new Join(s.member().caseId, s.match()));
        }
        return joins;
    }

    private record Scored(Member member, Duplicates.Match match) {
    }

    private void score(Fingerprint fingerprint, Member member, List<Scored> scored) {
        duplicates.match(fingerprint, member.fingerprint).ifPresent(match -> scored.add(new Scored(member, match)));
    }

    /** Remembers a post of a case; a case keeps its first post and its latest few. */
    public void add(long caseId, String intent, Fingerprint fingerprint, Instant at) {
        Member member = new Member(caseId, intent, fingerprint, at);
        List<Member> members = byCase.computeIfAbsent(caseId, id -> new ArrayList<>());
        if (members.size() >= MEMBERS_PER_CASE) unindex(members.remove(1));
        members.add(member);
        byAge.addLast(member);
        byExactKey.computeIfAbsent(fingerprint.exactKey(), k -> new HashSet<>()).add(member);
        for (int band = 0; band < BANDS; band++) {
            byBand.get(band).computeIfAbsent(band(fingerprint, band), k -> new HashSet<>()).add(member);
        }
        shelve(member);
    }

    /**
     * A person retagged case {@code caseId}: the same issue in other words is looked for among the cases of the post's
     * intent, so the case's posts move to the new intent's shelf.
     */
    public void retag(long caseId, String intent) {
        for (Member member : byCase.getOrDefault(caseId, List.of())) {
            if (member.intent.equals(intent)) continue;
            unshelve(member);
            member.intent = intent;
            shelve(member);
        }
    }

    private void shelve(Member member) {
        if (member.fingerprint.vector() == null) return;
        byIntent.computeIfAbsent(member.intent, k -> new VectorShelf<Member>((moved, row) -> moved.shelfRow = row))
                .add(member, member.fingerprint.vector());
    }

    private void unshelve(Member member) {
        VectorShelf<Member> shelf = member.shelfRow < 0 ? null : byIntent.get(member.intent);
        if (shelf == null) return;
        shelf.remove(member.shelfRow);
        member.shelfRow = -1;
        if (shelf.size() == 0) byIntent.remove(member.intent);
    }

    /**
     * A person said a post that joined case {@code fromCase} is no repeat of it and made it a case of its own: its
     * words no longer stand for the old case, and the next copy of them joins the new one.
     */
    public void split(long fromCase, long toCase, String intent, Fingerprint fingerprint, Instant at) {
        List<Member> members = byCase.getOrDefault(fromCase, List.of());
        // The latest member with its words is the split post; the case's own post (the first member) always stays.
        for (int i = members.size() - 1; i >= 1; i--) {
            if (members.get(i).fingerprint.exactKey().equals(fingerprint.exactKey())) {
                unindex(members.get(i));
                break;
            }
        }
        add(toCase, intent, fingerprint, at);
    }

    /** A case that closed takes no more repeats. */
    public void forget(long caseId) {
        List<Member> members = byCase.remove(caseId);
        if (members != null) members.forEach(this::unindex);
    }

    public int size() {
        return byCase.values().stream().mapToInt(List::size).sum();
    }

    private void unindex(Member member) {
        removeFrom(byExactKey, member.fingerprint.exactKey(), member);
        for (int band = 0; band < BANDS; band++) removeFrom(byBand.get(band), band(member.fingerprint, band), member);
        unshelve(member);
        List<Member> members = byCase.get(member.caseId);
        if (members != null) {
            members.remove(member);
            if (members.isEmpty()) byCase.remove(member.caseId);
        }
    }

    private static <K> void removeFrom(Map<K, Set<Member>> index, K key, Member member) {
        Set<Member> set = index.get(key);
        if (set == null) return;
        set.remove(member);
        if (set.isEmpty()) index.remove(key);
    }

    private static int band(Fingerprint fingerprint, int band) {
        return (int) ((fingerprint.simHash() >>> (16 * band)) & 0xFFFF);
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(window);
        for (Iterator<Member> it = byAge.iterator(); it.hasNext(); ) {
            Member member = it.next();
            if (!member.at.isBefore(cutoff)) break;
            it.remove();
            unindex(member);
        }
    }
}
