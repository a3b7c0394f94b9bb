package org.carebot.bot.digest;

import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.outbox.Outbox;
import org.carebot.bot.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a day, at {@code digest.at} UTC, each queue with suppressed posts in the last 24 hours gets one digest card in
 * its channel: what was held back and why, each with a Restore button.
 */
public final class DigestScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);

    private final Database database;
    private final DigestStore digests;
    private final Outbox outbox;
    private final CarebotConfig config;
    private final Clock clock;
    private final Runnable afterEnqueue;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "carebot-digest");
        thread.setDaemon(true);
        return thread;
    });

    public DigestScheduler(Database database, DigestStore digests, Outbox outbox, CarebotConfig config, Clock clock,
                           Runnable afterEnqueue) {
        this.database = database;
        this.digests = digests;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.afterEnqueue = afterEnqueue;
    }

    public void start() {
        timer.scheduleAtFixedRate(() -> {
            try {
                if (!LocalTime.now(clock.withZone(ZoneOffset.UTC)).isBefore(config.digest().at())) sendDue();
            } catch (RuntimeException e) {
                log.error("Digest run failed; trying again in a minute", e);
            }
        }, 60, 60, TimeUnit.SECONDS);
    }

    /**
     * Enqueues today's digest for every queue that has suppressed posts and has not had one today; returns how many.
     * A digest covers what was held back since the queue's previous one (a day, or more after a day the service was
     * down at send time), at most {@link DigestViews#HELD_PERIOD} back; the first one, a day.
     */
    public int sendDue() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int sent = database.inTransaction(handle -> {
            int enqueued = 0;
            for (CarebotConfig.QueueConfig queue : config.queues()) {
                Instant since = digests.lastSentAt(handle, queue.id()).filter(at -> at.isAfter(now.minus(DigestViews.HELD_PERIOD)))
                        .orElse(now.minus(Duration.ofHours(24)));
                if (digests.countSuppressed(handle, queue.id(), since) == 0) continue;
                if (!digests.claimDay(handle, queue.id(), today, now)) continue;
                outbox.requestDigest(handle, queue.slackChannel(), Map.of("queue", queue.id(), "since", since.toString(),
                        "period", DigestViews.describe(Duration.between(since, now))), now);
                enqueued++;
            }
            return enqueued;
        });
        if (sent > 0) {
            log.info("Daily digest of suppressed posts enqueued for {} queues", sent);
            afterEnqueue.run();
        }
        return sent;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
