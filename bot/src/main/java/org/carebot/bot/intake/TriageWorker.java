package org.carebot.bot.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.carebot.bot.cards.CardRequests;
import org.carebot.bot.cases.Actor;
import org.carebot.bot.cases.Case;
import org.carebot.bot.cases.CaseCommands;
import org.carebot.bot.cases.CaseOpener;
import org.carebot.bot.cases.ClusterGrowth;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.store.BlockedAuthors;
import org.carebot.bot.store.CaseStore;
import org.carebot.bot.store.ClusterStore;
import org.carebot.bot.store.Database;
import org.carebot.bot.store.EventLog;
import org.carebot.bot.store.PostState;
import org.carebot.bot.store.PostStore;
import org.carebot.bot.store.StoredPost;
import org.carebot.bot.store.Stores;
import org.carebot.triage.ClusterIndex;
import org.carebot.triage.Duplicates;
import org.carebot.triage.Fingerprint;
import org.carebot.triage.Priority;
import org.carebot.triage.Route;
import org.carebot.triage.Triage;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Takes stored posts in order and runs them through triage: noise is kept and counted, an edit joins its post's case,
 * a repeat of an open case joins that case (its card's counter goes up), everything else is routed and opens a case
 * whose cards go to the outbox. The engine's CPU work runs on a pool; the database writes stay in post order here.
 */
public final class TriageWorker implements AutoCloseable, CaseCommands.ClusterCorrections {

    private static final Logger log = LoggerFactory.getLogger(TriageWorker.class);
    private static final int BATCH = 50;

    private final Database database;
    private final PostStore posts;
    private final CaseStore cases;
    private final EventLog events;
    private final CardRequests cards;
    private final ClusterStore clusters;
    private final ClusterGrowth growth;
    private final CaseOpener opener;
    private final TriageKit kit;
    private final ClusterIndex clusterIndex;
    private final StormWatch storms;
    private final BlockedAuthors blocked;
    private final CarebotConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Runnable onCardsRequested;
    private final Timer triageTime;
    private final Timer intakeToCard;
    private final Semaphore work = new Semaphore(0);
    /** People's corrections to the cluster index, applied on this worker's thread, the only one that touches it. */
    private final Queue<Runnable> clusterCorrections = new ConcurrentLinkedQueue<>();
    private final ExecutorService pool;
    private volatile boolean running;
    private Thread thread;

    public TriageWorker(Stores stores, CardRequests cards, ClusterGrowth growth, CaseOpener opener, TriageKit kit,
                        StormWatch storms, CarebotConfig config, Clock clock, MeterRegistry metrics,
                        Runnable onCardsRequested) {
        this.database = stores.database();
        this.posts = stores.posts();
        this.cases = stores.cases();
        this.events = stores.events();
        this.cards = cards;
        this.clusters = stores.clusters();
        this.growth = growth;
        this.opener = opener;
        this.kit = kit;
        this.clusterIndex = kit.newClusterIndex();
        this.storms = storms;
        this.blocked = stores.blocked();
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.onCardsRequested = onCardsRequested;
        this.pool = Executors.newFixedThreadPool(kit.workers(), runnable -> {
            Thread thread = new Thread(runnable, "carebot-triage-engine");
            thread.setDaemon(true);
            return thread;
        });
        this.triageTime = Timer.builder("carebot.triage.time").description("Time to triage one post")
                .publishPercentiles(0.5, 0.99).register(metrics);
        this.intakeToCard = Timer.builder("carebot.intake.to.card")
                .description("From a post stored to its case's card enqueued").publishPercentiles(0.5, 0.99)
                .register(metrics);
    }

    public void start() {
        int requeued = database.withHandle(posts::requeueInterrupted);
        if (requeued > 0) log.info("Re-queued {} posts whose triage was interrupted", requeued);
        rebuildClusters();
        running = true;
        thread = new Thread(this::loop, "carebot-triage");
        thread.setDaemon(true);
        thread.start();
    }

    /** Open cases active within the cluster window take repeats again after a restart. */
    private void rebuildClusters() {
        // Oldest first: the index expires members from its oldest on, and stops at the first still inside the window.
        List<ClusterStore.Member> members = database.withHandle(h ->
                        clusters.openMembersSince(h, clock.instant().minus(kit.clusterWindow()))).stream()
                .sorted(java.util.Comparator.comparing(ClusterStore.Member::at)).toList();
        List<Fingerprint> fingerprints = kit.fingerprints(members.stream().map(ClusterStore.Member::text).toList());
        for (int i = 0; i < members.size(); i++) {
            ClusterStore.Member member = members.get(i);
            clusterIndex.add(member.caseId(), member.intent(), fingerprints.get(i), member.at());
        }
        if (!members.isEmpty()) log.info("Cluster index rebuilt from {} recent posts of open cases", members.size());
    }

    /**
     * A person split a repeat off case {@code fromCase} into case {@code toCase}: copies of its words join the new case
     * from the next batch on.
     */
    @Override
    public void split(long fromCase, long toCase, String intent, String text) {
        Instant at = clock.instant();
        clusterCorrections.add(() -> clusterIndex.split(fromCase, toCase, intent, kit.fingerprint(text), at));
        nudge();
    }

    @Override
    public void retagged(long caseId, String intent) {
        clusterCorrections.add(() -> clusterIndex.retag(caseId, intent));
        nudge();
    }

    @Override
    public void restored(long caseId, String intent, String text) {
        Instant at = clock.instant();
        clusterCorrections.add(() -> clusterIndex.add(caseId, intent, kit.fingerprint(text), at));
        nudge();
    }

    private void applyClusterCorrections() {
        for (Runnable correction; (correction = clusterCorrections.poll()) != null; ) correction.run();
    }

    /** A post was stored: look now. */
    public void nudge() {
        if (work.availablePermits() == 0) work.release();
    }

    private void loop() {
        while (running) {
            try {
                applyClusterCorrections();
                if (drain() == 0) {
                    work.tryAcquire(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Triage loop failed; retrying in a second", e);
                sleepQuietly();
            }
        }
    }

    private record Assessed(Triage triage, Fingerprint fingerprint) {
    }

    /** A claimed post whose triage runs on the pool. */
    private record Claimed(StoredPost post, CompletableFuture<Assessed> assessed) {
    }

    /**
     * Triages every waiting post; returns how many. The engine works on the next batch while this thread writes the
     * current one, so the pool does not wait for the writes and the claim at each batch's end. When writing fails
     * even post by post (the store is down), the batch being written stays claimed (re-queued at the next start)
     * and the next batch goes back to waiting.
     */
    private int drain() {
        int total = 0;
        List<Claimed> current = running ? claimBatch() : List.of();
        while (!current.isEmpty()) {
            List<Claimed> next = running ? claimBatch() : List.of();
            try {
                applyClusterCorrections();
                write(current);
            } catch (RuntimeException e) {
                release(next);
                throw e;
            }
            total += current.size();
            current = next;
        }
        return total;
    }

    private List<Claimed> claimBatch() {
        List<StoredPost> claimed = database.inTransaction(h -> posts.claimNew(h, BATCH));
        try {
            return claimed.stream()
                    .map(post -> new Claimed(post, CompletableFuture.supplyAsync(() -> assess(post), pool)))
                    .toList();
        } catch (RejectedExecutionException stopping) {
            requeue(claimed.stream().map(StoredPost::id).toList());
            return List.of();
        }
    }

    private void release(List<Claimed> batch) {
        requeue(batch.stream().map(c -> c.post().id()).toList());
    }

    private void requeue(List<Long> ids) {
        if (!ids.isEmpty()) database.useTransaction(h -> posts.requeue(h, ids));
    }

    /**
     * One transaction per batch: the writes, not the model, were the bottleneck with one per post. When the batch
     * cannot be written, each post is written alone, so one post the store refuses holds back no other; a post that
     * fails alone twice is set aside as {@code failed}, logged and counted.
     */
    private void write(List<Claimed> batch) {
        try {
            writeTogether(batch);
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                log.warn("A batch of {} posts could not be written ({}); writing them one by one", batch.size(),
                        e.toString());
            }
            for (Claimed one : batch) writeAlone(one);
        }
    }

    private void writeAlone(Claimed one) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                writeTogether(List.of(one));
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        long id = one.post().id();
        database.useTransaction(h -> posts.setState(h, id, PostState.FAILED));
        metrics.counter("carebot.posts.failed").increment();
        log.error("post {} set aside as failed: its triage could not be written ({})", id, last.toString());
    }

    private void writeTogether(List<Claimed> batch) {
        List<Outcome> outcomes = database.inTransaction(handle -> {
            List<Outcome> recorded = new java.util.ArrayList<>();
            java.util.Set<BlockedAuthors.Poster> blockedPosters = blocked.blockedAmong(handle,
                    batch.stream().map(claimed -> poster(claimed.post())).toList());
            for (Claimed claimed : batch) {
                recorded.add(record(handle, claimed.post(), claimed.assessed().join(),
                        blockedPosters.contains(poster(claimed.post()))));
            }
            return recorded;
        });
        for (int i = 0; i < batch.size(); i++) {
            report(batch.get(i).post(), batch.get(i).assessed().join().triage(), outcomes.get(i));
        }
        onCardsRequested.run();
    }

    private Assessed assess(StoredPost stored) {
        Timer.Sample sample = Timer.start(metrics);
        Triage triage = kit.engine().triage(stored.post());
        Fingerprint fingerprint = triage.spam() ? null : kit.fingerprint(stored.post().text());
        sample.stop(triageTime);
        return new Assessed(triage, fingerprint);
    }

    private sealed interface Outcome {
        record Suppressed(String why) implements Outcome {
        }

        record Edited() implements Outcome {
        }

        record Joined(long caseId, ClusterIndex.Join join) implements Outcome {
        }

        record Opened(Case kase) implements Outcome {
        }
    }

    private static BlockedAuthors.Poster poster(StoredPost stored) {
        return new BlockedAuthors.Poster(stored.post().platform(), stored.post().author());
    }

    /** Stores one post's triage and its consequence on the batch's handle; the cluster index learns at once. */
    private Outcome record(Handle handle, StoredPost stored, Assessed assessed, boolean authorBlocked) {
        Triage triage = assessed.triage();
        Instant now = clock.instant();
        if (triage.spam() || authorBlocked) {
            return suppress(handle, stored, triage, kit.router().route(stored.post(), triage),
                    triage.spam() ? triage.reasons().get(0) : "author blocked", now);
        }
        if (stored.editOf() != null && joinEditedCase(handle, stored, triage, now)) return new Outcome.Edited();
        List<ClusterIndex.Join> candidates = stored.editOf() != null ? List.of()
                : clusterIndex.candidates(assessed.fingerprint(), triage.intent(), now);
        Optional<ClusterIndex.Join> repeat = repeatedCase(handle, triage, candidates);
        Optional<String> flood = repeat.flatMap(join -> botFlood(handle, stored, join, now));
        if (flood.isPresent()) {
            Triage noise = triage.suppressed(flood.get());
            return suppress(handle, stored, noise, kit.router().route(stored.post(), triage), noise.reasons().get(0), now);
        }
        if (repeat.isPresent()) {
            joinRepeatedCase(handle, stored, triage, repeat.get(), now);
            clusterIndex.add(repeat.get().caseId(), triage.intent(), assessed.fingerprint(), now);
            storms.check(handle, repeat.get().caseId(), triage.intent(), true, now);
            return new Outcome.Joined(repeat.get().caseId(), repeat.get());
        }
        Route route = kit.router().route(stored.post(), triage);
        posts.saveTriage(handle, stored.id(), triage, route, now);
        Case kase = opener.open(handle, stored.id(), triage, route, now);
        posts.setState(handle, stored.id(), PostState.CASED);
        if (assessed.fingerprint() != null) clusterIndex.add(kase.id(), kase.intent(), assessed.fingerprint(), now);
        storms.check(handle, kase.id(), triage.intent(), false, now);
        return new Outcome.Opened(kase);
    }

    /** Kept and counted, but no case. Routed all the same, so the queue it would have reached lists it in its digest. */
    private Outcome suppress(Handle handle, StoredPost stored, Triage triage, Route route, String why, Instant now) {
        posts.saveTriage(handle, stored.id(), triage, route, now);
        posts.setState(handle, stored.id(), PostState.SUPPRESSED);
        return new Outcome.Suppressed(why);
    }

    /** After the batch committed: counters and one log line per post. */
    private void report(StoredPost stored, Triage triage, Outcome outcome) {
        String platform = stored.post().platform();
        if (outcome instanceof Outcome.Suppressed suppressed) {
            metrics.counter("carebot.posts.suppressed", "platform", platform).increment();
            log.info("post {} suppressed as noise ({} {}): {}", stored.id(), platform, stored.post().author().display(),
                    suppressed.why());
        } else if (outcome instanceof Outcome.Joined joined) {
            metrics.counter("carebot.posts.joined", "platform", platform, "how",
                    joined.join().match().kind().name().toLowerCase(java.util.Locale.ROOT)).increment();
            log.info("post {} joined case #{} ({}, {} {})", stored.id(), joined.caseId(), joined.join().match().describe(),
                    platform, stored.post().author().display());
        } else if (outcome instanceof Outcome.Opened opened) {
            Case kase = opened.kase();
            intakeToCard.record(Duration.between(stored.receivedAt(), clock.instant()));
            log.info("case #{} opened: {} {} -> {} ({} {})", kase.id(), kase.priority(), kase.intent(),
                    config.requireQueue(kase.queue()).name(), platform, stored.post().author().display());
        }
    }

    /**
     * The first candidate that still stands as stored: the case is open, and a match in other words (not the same
     * words) is of the post's intent now, after any retag. Closed cases leave the index.
     */
    private Optional<ClusterIndex.Join> repeatedCase(Handle handle, Triage triage, List<ClusterIndex.Join> candidates) {
        for (ClusterIndex.Join candidate : candidates) {
            Optional<Case> kase = cases.find(handle, candidate.caseId());
            if (kase.isEmpty() || !kase.get().state().isOpen()) {
                clusterIndex.forget(candidate.caseId());
                continue;
            }
            boolean semantic = candidate.match().kind() == Duplicates.Match.Kind.SEMANTIC;
            if (!semantic || kase.get().intent().equals(triage.intent())) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /**
     * A copy (not a paraphrase) that sends readers off the brand's domains, from at least {@code spam.flood.accounts}
     * accounts within the window, is a bot flood: this copy is suppressed, and the case says so once. Not on a case a
     * person restored from a digest: they said these copies are real, so every later one joins it. (Copies of a post
     * restored from a spam hold never get here: triage holds each of them back as spam again.)
     */
    private Optional<String> botFlood(Handle handle, StoredPost post, ClusterIndex.Join join, Instant now) {
        if (join.match().kind() == Duplicates.Match.Kind.SEMANTIC) return Optional.empty();
        Optional<String> lure = kit.floodSignal().lure(post.post().text());
        if (lure.isEmpty() || events.has(handle, join.caseId(), "restored")) return Optional.empty();
        CarebotConfig.FloodConfig flood = config.spam().flood();
        int accounts = clusters.authorsSince(handle, join.caseId(), post.id(), now.minus(flood.window()));
        if (accounts < flood.accounts()) return Optional.empty();
        String why = "a bot flood: the same post from " + accounts + " accounts in " + flood.window().toMinutes()
                + " min, sending readers to " + lure.get();
        if (!events.has(handle, join.caseId(), "bot_flood")) {
            events.append(handle, join.caseId(), Actor.SYSTEM, "bot_flood", null, null,
                    why + "; later copies are suppressed and listed in the daily digest", now);
        }
        return Optional.of(why);
    }

    /** A repeat joins its open case: counted, recorded, and the case's cards show the new tally. */
    private void joinRepeatedCase(Handle handle, StoredPost post, Triage triage, ClusterIndex.Join join, Instant now) {
        posts.saveTriage(handle, post.id(), triage, null, now);
        posts.setState(handle, post.id(), PostState.JOINED);
        clusters.join(handle, join.caseId(), post.id(), join.match(), now);
        events.append(handle, join.caseId(), Actor.SYSTEM, "post_joined", null, null,
                join.match().describe() + ": post #" + post.id() + " on " + post.post().platform() + " by "
                        + post.post().author().display(), now);
        raiseWithGrowth(handle, join.caseId(), now);
        cards.refreshAll(handle, join.caseId(), now);
    }

    /** The case's priority as its cluster has grown ({@link ClusterGrowth}), recorded with the reason. */
    private void raiseWithGrowth(Handle handle, long caseId, Instant now) {
        // Locked first, so a person's correction committing meanwhile is neither overwritten nor missed.
        Case kase = cases.findForUpdate(handle, caseId).orElseThrow();
        int posts = growth.posts(handle, caseId);
        Priority first = this.posts.triageOf(handle, kase.postId()).map(Triage::priority).orElse(kase.priority());
        Priority raised = growth.raise(first, posts);
        if (raised.ordinal() >= kase.priority().ordinal()) return;
        Case updated = kase.withPriority(raised, now);
        cases.save(handle, updated);
        events.append(handle, caseId, Actor.SYSTEM, "priority_raised", kase.snapshot(), updated.snapshot(),
                kase.priority() + " → " + raised + ": cluster grew to " + posts + " posts", now);
    }

    /** An edit of a post that is on a case adds an event to that case and refreshes its cards. */
    private boolean joinEditedCase(Handle handle, StoredPost edit, Triage triage, Instant now) {
        Optional<Case> original = posts.findId(handle, edit.post().platform(), edit.editOf())
                .flatMap(originalId -> cases.findByPost(handle, originalId));
        if (original.isEmpty()) return false;
        Case kase = original.get();
        posts.saveTriage(handle, edit.id(), triage, null, now);
        posts.setState(handle, edit.id(), PostState.EDIT);
        // The event names the stored edit, not its words: a long message would not fit the audit row.
        events.append(handle, kase.id(), Actor.SYSTEM, "post_edited", null, Map.of("post", edit.id()),
                "edited post stored as #" + edit.id(), now);
        cards.refreshAll(handle, kase.id(), now);
        return true;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        work.release();
        pool.shutdown();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
