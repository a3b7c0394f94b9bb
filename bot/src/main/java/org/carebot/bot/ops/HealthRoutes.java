package org.carebot.bot.ops;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.carebot.bot.outbox.Delivery;
import org.carebot.bot.outbox.Outbox;
import org.carebot.bot.store.Database;
import org.carebot.bot.store.PostState;
import org.carebot.bot.store.PostStore;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health} (database and outbox lag) and {@code GET /metrics} (Prometheus text format). */
public final class HealthRoutes {

    private final Database database;
    private final Outbox outbox;
    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final PostStore posts;

    public HealthRoutes(Database database, Outbox outbox, PostStore posts, PrometheusMeterRegistry registry,
                        Clock clock) {
        this.posts = posts;
        this.database = database;
        this.outbox = outbox;
        this.registry = registry;
        this.clock = clock;
    }

    public void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean databaseUp = database.ping();
        body.put("status", databaseUp ? "ok" : "down");
        body.put("database", databaseUp ? "up" : "down");
        if (databaseUp) {
            Map<String, Object> lag = database.withHandle(h -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("pending", outbox.countByState(h, Delivery.State.PENDING));
                out.put("failed", outbox.countByState(h, Delivery.State.FAILED));
                out.put("not_configured", outbox.countByState(h, Delivery.State.NOT_CONFIGURED));
                Duration age = outbox.oldestPendingAge(h, clock.instant());
                out.put("oldest_pending_seconds", age.toMillis() / 1000.0);
                return out;
            });
            body.put("outbox", lag);
            // Waiting: stored and not yet written as triaged; a backlog that keeps growing means triage cannot keep up.
            body.put("posts", database.withHandle(h -> Map.of("failed", posts.countByState(h, PostState.FAILED),
                    "waiting", posts.countByState(h, PostState.NEW, PostState.TRIAGING))));
        }
        ctx.status(databaseUp ? 200 : 503).json(body);
    }

    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
