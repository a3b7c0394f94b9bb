package org.carebot.bot.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.carebot.bot.cases.CaseRoutes;
import org.carebot.bot.intake.IntakeRoutes;
import org.carebot.bot.ops.HealthRoutes;
import org.carebot.bot.slack.SlackRoute;
import org.carebot.bot.store.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/** The HTTP server: the route table, the body size limit, and the one place errors become JSON. */
public final class HttpApp {

    private static final Logger log = LoggerFactory.getLogger(HttpApp.class);
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private HttpApp() {
    }

    public static Javalin create(Json json, IntakeRoutes intake, CaseRoutes cases, HealthRoutes health,
                                 Optional<Handler> slack, MeterRegistry metrics) {
        Handler slackHandler = slack.orElse(ctx -> {
            throw new ApiError(503, "Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET");
        });
        return Javalin.create(cfg -> {
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.jsonMapper(new JavalinJackson(json.mapper(), false));
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/webhooks/telegram", timed("telegram", intake::telegram, metrics));
            cfg.routes.post("/api/posts", timed("api_posts", intake::apiPost, metrics));
            cfg.routes.post("/api/posts/{id}/retry", intake::retry);
            cfg.routes.get("/api/cases", cases::list);
            cfg.routes.get("/api/cases/{id}", cases::show);
            cfg.routes.post(SlackRoute.PATH, timed("slack", slackHandler, metrics));
            cfg.routes.get("/health", health::health);
            cfg.routes.get("/metrics", health::metrics);
            cfg.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(Map.of("error", e.getMessage())));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(Map.of("error", e.getMessage())));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).json(Map.of("error", "internal error"));
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) ctx.json(Map.of("error", "no route " + ctx.path()));
            });
        });
    }

    private static Handler timed(String route, Handler handler, MeterRegistry metrics) {
        Timer timer = Timer.builder("carebot.http.requests").tag("route", route)
                .publishPercentiles(0.5, 0.99).register(metrics);
        return ctx -> {
            Timer.Sample sample = Timer.start(metrics);
            try {
                handler.handle(ctx);
            } finally {
                sample.stop(timer);
            }
        };
    }
}
