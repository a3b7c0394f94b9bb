package org.carebot.bot.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.carebot.bot.cards.CardRequests;
import org.carebot.bot.cases.Actor;
import org.carebot.bot.cases.Case;
import org.carebot.bot.cases.CaseOpener;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.store.CaseStore;
import org.carebot.bot.store.Database;
import org.carebot.bot.store.EventLog;
import org.carebot.bot.store.PostState;
import org.carebot.bot.store.PostStore;
import org.carebot.bot.store.StoredPost;
import org.carebot.triage.Route;
import org.carebot.triage.Router;
import org.carebot.triage.Triage;
import org.carebot.triage.TriageEngine;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Takes stored posts in order and runs them through triage and routing: noise is kept and counted, an edit joins
 * its post's case, everything else opens a case whose cards go to the outbox.
 */
public final class TriageWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TriageWorker.class);
    private static final int BATCH = 50;

    private final Database database;
    private final PostStore posts;
    private final CaseStore cases;
    private final EventLog events;
    private final CardRequests cards;
    private final CaseOpener opener;
    private final TriageEngine engine;
    private final Router router;
    private final CarebotConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Runnable onCardsRequested;
    private final Timer triageTime;
    private final Timer intakeToCard;
    private final Semaphore work = new Semaphore(0);
    /** The engine's CPU work (embeddings) runs on these; the database writes stay in post order on the loop thread. */
    private final ExecutorService pool;
    private volatile boolean running;
    private Thread thread;

    public TriageWorker(Database database, PostStore posts, CaseStore cases, EventLog events, CardRequests cards,
                        CaseOpener opener, TriageEngine engine, Router router, int workers, CarebotConfig config,
                        Clock clock, MeterRegistry metrics, Runnable onCardsRequested) {
        this.database = database;
        this.posts = posts;
        this.cases = cases;
        this.events = events;
        this.cards = cards;
        this.opener = opener;
        this.engine = engine;
        this.router = router;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.onCardsRequested = onCardsRequested;
        this.pool = Executors.newFixedThreadPool(workers, runnable -> {
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
        running = true;
        thread = new Thread(this::loop, "carebot-triage");
        thread.setDaemon(true);
        thread.start();
    }

    /** A post was stored: look now. */
    public void nudge() {
        if (work.availablePermits() == 0) work.release();
    }

    private void loop() {
        while (running) {
            try {
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

    /** Triages every waiting post; returns how many. */
    private int drain() {
        int total = 0;
        List<StoredPost> batch;
        while (running && !(batch = database.inTransaction(h -> posts.claimNew(h, BATCH))).isEmpty()) {
            // A batch is finished even when a stop comes in the middle; what is left waits as 'new' for the next start.
            List<CompletableFuture<Triage>> triages = batch.stream()
                    .map(post -> CompletableFuture.supplyAsync(() -> triage(post), pool)).toList();
            for (int i = 0; i < batch.size(); i++) record(batch.get(i), triages.get(i).join());
            total += batch.size();
            onCardsRequested.run();
        }
        return total;
    }

    private Triage triage(StoredPost stored) {
        Timer.Sample sample = Timer.start(metrics);
        Triage triage = engine.triage(stored.post());
        sample.stop(triageTime);
        return triage;
    }

    private void record(StoredPost stored, Triage triage) {
        Instant now = clock.instant();
        Optional<Case> opened = database.inTransaction(handle -> {
            if (triage.spam()) {
                posts.saveTriage(handle, stored.id(), triage, null, now);
                posts.setState(handle, stored.id(), PostState.SUPPRESSED);
                return Optional.<Case>empty();
            }
            if (stored.editOf() != null && joinEditedCase(handle, stored, triage, now)) return Optional.<Case>empty();
            Route route = router.route(stored.post(), triage);
            posts.saveTriage(handle, stored.id(), triage, route, now);
            Case kase = opener.open(handle, stored.id(), triage, route, now);
            posts.setState(handle, stored.id(), PostState.CASED);
            return Optional.of(kase);
        });
        if (triage.spam()) {
            metrics.counter("carebot.posts.suppressed", "platform", stored.post().platform()).increment();
            log.info("post {} suppressed as noise ({} {}): {}", stored.id(), stored.post().platform(),
                    stored.post().author().display(), triage.reasons().get(0));
            return;
        }
        opened.ifPresent(kase -> {
            intakeToCard.record(Duration.between(stored.receivedAt(), clock.instant()));
            log.info("case #{} opened: {} {} -> {} ({} {})", kase.id(), kase.priority(), kase.intent(),
                    config.requireQueue(kase.queue()).name(), stored.post().platform(), stored.post().author().display());
        });
    }

    /** An edit of a post that is on a case adds an event to that case and refreshes its cards. */
    private boolean joinEditedCase(Handle handle, StoredPost edit, Triage triage, Instant now) {
        Optional<Case> original = posts.findId(handle, edit.post().platform(), edit.editOf())
                .flatMap(originalId -> cases.findByPost(handle, originalId));
        if (original.isEmpty()) return false;
        Case kase = original.get();
        posts.saveTriage(handle, edit.id(), triage, null, now);
        posts.setState(handle, edit.id(), PostState.EDIT);
        events.append(handle, kase.id(), Actor.SYSTEM, "post_edited", null, Map.of("text", edit.post().text()),
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
