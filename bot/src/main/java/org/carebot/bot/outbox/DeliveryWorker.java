package org.carebot.bot.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.carebot.bot.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends what waits in the outbox: oldest first, at each destination's pace, retrying failures with exponential
 * backoff and jitter, waiting as long as a 429's Retry-After says. Resumes whatever was pending after a restart.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    static final int MAX_ATTEMPTS = 10;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);
    private static final int BATCH = 200;

    private final Database database;
    private final Outbox outbox;
    private final Deliverer deliverer;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<String, Instant> nextAllowed = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean signalled;
    private volatile boolean running;
    private Thread thread;

    public DeliveryWorker(Database database, Outbox outbox, Deliverer deliverer, Clock clock, MeterRegistry metrics) {
        this.database = database;
        this.outbox = outbox;
        this.deliverer = deliverer;
        this.clock = clock;
        this.metrics = metrics;
    }

    public void start() {
        int resumed = database.withHandle(outbox::requeueInterrupted);
        if (resumed > 0) log.info("Resuming {} deliveries that were in flight at the last stop", resumed);
        running = true;
        thread = new Thread(this::loop, "carebot-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    /** Something was enqueued: look now instead of at the next poll. */
    public void nudge() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                Duration wait = runOnce();
                sleep(wait);
            } catch (RuntimeException e) {
                log.error("Delivery loop failed; retrying in a second", e);
                sleep(IDLE_WAIT);
            }
        }
    }

    /** Sends every due delivery whose pace allows; returns how long to wait before looking again. */
    Duration runOnce() {
        Instant now = clock.instant();
        List<Delivery> due = database.withHandle(h -> outbox.due(h, now, BATCH));
        // Looked up once per pass: per delivery, the look-ups were nearly half this thread's time in a storm.
        Map<Long, Optional<Deliverer.Pace>> paces = due.isEmpty() ? Map.of() : deliverer.paces(due);
        Instant earliestBlocked = null;
        for (Delivery delivery : due) {
            if (!running) break;
            Optional<Deliverer.Pace> pace = paces.getOrDefault(delivery.id(), Optional.empty());
            Instant allowed = pace.map(p -> nextAllowed.getOrDefault(p.key(), Instant.MIN)).orElse(Instant.MIN);
            Instant current = clock.instant();
            if (allowed.isAfter(current)) {
                earliestBlocked = earliestBlocked == null || allowed.isBefore(earliestBlocked) ? allowed : earliestBlocked;
                continue;
            }
            if (!database.withHandle(h -> outbox.claim(h, delivery.id()))) continue;
            DeliveryResult result = attempt(delivery);
            // The interval counts from the end of the call: building a card under load took up to half a second
            // before the request left, so two calls paced from their starts reached Slack 0.57 s apart.
            pace.ifPresent(p -> nextAllowed.put(p.key(), clock.instant().plus(p.interval())));
            handle(delivery, pace, result);
        }
        Instant next = database.withHandle(outbox::nextDueAt).orElse(null);
        if (earliestBlocked != null && (next == null || earliestBlocked.isAfter(next))) next = earliestBlocked;
        if (next == null) return IDLE_WAIT;
        Duration wait = Duration.between(clock.instant(), next);
        if (wait.isNegative() || wait.isZero()) return due.size() == BATCH ? Duration.ZERO : Duration.ofMillis(50);
        return wait.compareTo(IDLE_WAIT) > 0 ? IDLE_WAIT : wait;
    }

    private DeliveryResult attempt(Delivery delivery) {
        try {
            return deliverer.deliver(delivery);
        } catch (RuntimeException e) {
            log.warn("Delivery {} threw: {}", delivery.id(), e.toString());
            return new DeliveryResult.Failed(e.toString(), true);
        }
    }

    private void handle(Delivery delivery, Optional<Deliverer.Pace> pace, DeliveryResult result) {
        Instant now = clock.instant();
        String kind = delivery.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (result instanceof DeliveryResult.Sent) {
            database.useTransaction(h -> outbox.markSent(h, delivery.id(), now));
            metrics.counter("carebot.outbox.sent", "kind", kind).increment();
        } else if (result instanceof DeliveryResult.RateLimited limited) {
            Instant retryAt = now.plus(limited.retryAfter());
            pace.ifPresent(p -> nextAllowed.put(p.key(), retryAt));
            database.useTransaction(h -> outbox.retryLater(h, delivery.id(), retryAt,
                    "rate limited; retry after " + limited.retryAfter().toSeconds() + "s"));
            metrics.counter("carebot.outbox.rate_limited", "kind", kind).increment();
        } else if (result instanceof DeliveryResult.Failed failed) {
            int attempts = delivery.attempts() + 1;
            if (failed.retryable() && attempts < MAX_ATTEMPTS) {
                database.useTransaction(h -> outbox.retryLater(h, delivery.id(), now.plus(backoff(attempts)),
                        failed.error()));
            } else {
                database.useTransaction(h -> outbox.markFailed(h, delivery.id(), failed.error()));
                log.warn("Delivery {} ({} to {}) failed for good after {} attempts: {}", delivery.id(), kind,
                        delivery.channel(), attempts, failed.error());
            }
            metrics.counter("carebot.outbox.failed_attempts", "kind", kind).increment();
        } else if (result instanceof DeliveryResult.NotYet notYet) {
            database.useTransaction(h -> outbox.postpone(h, delivery.id(), now.plus(notYet.delay())));
        } else if (result instanceof DeliveryResult.NotConfigured) {
            database.useTransaction(h -> outbox.markNotConfigured(h, delivery.id()));
        }
    }

    /** 2^attempt seconds with 20% jitter, at most five minutes. */
    static Duration backoff(int attempts) {
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempts, 20));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (seconds * 1000 * jitter));
    }

    private void sleep(Duration wait) {
        if (wait.isZero()) return;
        lock.lock();
        try {
            if (!signalled) wake.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        nudge();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
