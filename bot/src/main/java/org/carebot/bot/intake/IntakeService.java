package org.carebot.bot.intake;

import io.micrometer.core.instrument.MeterRegistry;
import org.carebot.bot.store.Database;
import org.carebot.bot.store.PostState;
import org.carebot.bot.store.PostStore;
import org.carebot.bot.store.StoredPost;
import org.carebot.connectors.IncomingPost;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores verified posts durably before anyone answers the platform. A redelivery (same post key, or the same
 * delivery id within a week) finds what is there and creates nothing.
 */
public final class IntakeService {

    /** Telegram restarts update ids after a quiet week; older delivery ids say nothing. */
    static final Duration DELIVERY_MEMORY = Duration.ofDays(7);

    public record Accepted(Optional<Long> postId, boolean duplicate) {
    }

    private final Database database;
    private final PostStore posts;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Runnable onNewPost;

    public IntakeService(Database database, PostStore posts, Clock clock, MeterRegistry metrics, Runnable onNewPost) {
        this.database = database;
        this.posts = posts;
        this.clock = clock;
        this.metrics = metrics;
        this.onNewPost = onNewPost;
    }

    /**
     * A post set aside as {@code failed} waits for triage again, once the cause is fixed. Returns the post's state
     * before, or empty when there is no such post; only a failed post moves.
     */
    public Optional<PostState> retry(long postId) {
        Optional<PostState> before = database.inTransaction(handle -> {
            Optional<PostState> state = posts.find(handle, postId).map(StoredPost::state);
            if (state.equals(Optional.of(PostState.FAILED))) posts.setState(handle, postId, PostState.NEW);
            return state;
        });
        if (before.equals(Optional.of(PostState.FAILED))) onNewPost.run();
        return before;
    }

    public Accepted accept(IncomingPost incoming) {
        Instant now = clock.instant();
        String platform = incoming.post().platform();
        Optional<Long> stored = database.inTransaction(handle -> {
            if (incoming.deliveryId() != null
                    && posts.deliverySeen(handle, platform, incoming.deliveryId(), now.minus(DELIVERY_MEMORY))) {
                return Optional.<Long>empty();
            }
            return posts.insert(handle, incoming.post(), incoming.deliveryId(), incoming.editOf(), now);
        });
        if (stored.isEmpty()) {
            metrics.counter("carebot.posts.duplicates", "platform", platform).increment();
            Optional<Long> existing = database.withHandle(h -> posts.findId(h, platform, incoming.post().platformId()));
            return new Accepted(existing, true);
        }
        metrics.counter("carebot.posts.received", "platform", platform).increment();
        onNewPost.run();
        return new Accepted(stored, false);
    }
}
