package org.carebot.bot.digest;

import org.carebot.bot.config.CarebotConfig;
import org.carebot.triage.PersonalData;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Builds a queue's digest from the outbox payload (queue, since) as the store is at send time. */
public final class DigestViews {

    /**
     * Lines with a Restore button. Slack takes 50 blocks in a message, but refuses messages whose blocks carry much
     * more than about 13,000 characters (msg_blocks_too_long, which no retry mends): 25 lines of a post's first 200
     * characters stay well inside both. In a bot flood a queue holds back hundreds; the card says how many more.
     */
    public static final int LINES = 25;

    /** How far back {@code /care held} looks, and a late digest at most: a week. */
    public static final Duration HELD_PERIOD = Duration.ofDays(7);

    private final DigestStore digests;
    private final CarebotConfig config;
    private final PersonalData personalData;

    public DigestViews(DigestStore digests, CarebotConfig config, PersonalData personalData) {
        this.digests = digests;
        this.config = config;
        this.personalData = personalData;
    }

    /**
     * The daily digest: the newest held-back posts of the queue since the payload's {@code since} (digests enqueued
     * before the payload had a period covered 24 h).
     */
    public Digest build(Handle handle, Map<String, Object> payload) {
        Object period = payload.get("period");
        return page(handle, String.valueOf(payload.get("queue")), Instant.parse(String.valueOf(payload.get("since"))),
                period == null ? "24 h" : String.valueOf(period), 1);
    }

    /** Page {@code page} (from 1) of the queue's posts held back in the {@link #HELD_PERIOD} before {@code now}. */
    public Digest held(Handle handle, String queue, Instant now, int page) {
        return page(handle, queue, now.minus(HELD_PERIOD), describe(HELD_PERIOD), page);
    }

    /** "24 h", "30 h", "7 days": how far back a page looks, for people. */
    public static String describe(Duration span) {
        long hours = Math.max(1, Math.round(span.toMinutes() / 60.0));
        return hours <= 48 ? hours + " h" : Math.round(hours / 24.0) + " days";
    }

    /** Page {@code page} (from 1) of the queue's posts held back since {@code since}, newest first. */
    public Digest page(Handle handle, String queue, Instant since, String period, int page) {
        int skipped = (Math.max(1, page) - 1) * LINES;
        var lines = digests.latestSuppressed(handle, queue, since, skipped, LINES).stream()
                .map(item -> new Digest.Line(item.post().id(), item.post().post().platform() + " · "
                        + item.post().post().author().display(), personalData.mask(item.post().post().text()), item.why()))
                .toList();
        return new Digest(config.queue(queue).map(CarebotConfig.QueueConfig::name).orElse(queue), period,
                digests.countSuppressed(handle, queue, since), skipped, lines);
    }
}
