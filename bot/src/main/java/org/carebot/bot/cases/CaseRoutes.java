package org.carebot.bot.cases;

import io.javalin.http.Context;
import org.carebot.bot.cards.CardFactory;
import org.carebot.bot.cards.CaseViews;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.http.ApiError;
import org.carebot.bot.http.BearerAuth;
import org.carebot.bot.store.CaseStore;
import org.carebot.bot.store.Database;
import org.carebot.bot.store.EventLog;
import org.carebot.triage.Priority;
import org.carebot.triage.SensitiveFlag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/cases} and {@code GET /api/cases/{id}}: cases with their posts; bearer token required. */
public final class CaseRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Database database;
    private final CaseStore cases;
    private final CaseViews views;
    private final EventLog events;
    private final CarebotConfig config;
    private final BearerAuth auth;

    public CaseRoutes(Database database, CaseStore cases, CaseViews views, EventLog events, CarebotConfig config,
                      BearerAuth auth) {
        this.database = database;
        this.cases = cases;
        this.views = views;
        this.events = events;
        this.config = config;
        this.auth = auth;
    }

    public void list(Context ctx) {
        auth.require(ctx);
        String queue = ctx.queryParam("queue");
        if (queue != null && config.queue(queue).isEmpty()) {
            throw ApiError.badRequest("unknown queue '" + queue + "' (queues: "
                    + config.queues().stream().map(CarebotConfig.QueueConfig::id).toList() + ")");
        }
        CaseState state = parse("state", ctx.queryParam("state"), CaseState::parse);
        Priority priority = parse("priority", ctx.queryParam("priority"), Priority::parse);
        int limit = limit(ctx.queryParam("limit"));
        List<Map<String, Object>> body = database.withHandle(handle -> cases
                .list(handle, new CaseStore.Filter(queue, state, priority, limit)).stream()
                .map(kase -> views.load(handle, kase.id()).map(CaseRoutes::summary).orElseThrow())
                .toList());
        ctx.json(Map.of("cases", body, "count", body.size()));
    }

    public void show(Context ctx) {
        auth.require(ctx);
        long id = parse("id", ctx.pathParam("id"), Long::parseLong);
        Map<String, Object> body = database.withHandle(handle -> views.load(handle, id).map(view -> {
            Map<String, Object> detail = summary(view);
            detail.put("events", events.list(handle, id));
            detail.put("audit_chain_intact", events.verifyChain(handle, id));
            return detail;
        })).orElseThrow(() -> new ApiError(404, "no case #" + id));
        ctx.json(body);
    }

    private static Map<String, Object> summary(CardFactory.CaseView view) {
        Case kase = view.kase();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", kase.id());
        out.put("queue", kase.queue());
        out.put("state", kase.state().key());
        out.put("priority", kase.priority().name());
        out.put("priority_reasons", view.triage().reasons());
        out.put("intent", kase.intent());
        out.put("language", view.triage().language());
        out.put("sentiment", view.triage().tone().sentiment().key());
        out.put("sarcasm", view.triage().tone().sarcasm());
        out.put("sensitive", view.triage().sensitive().stream().map(SensitiveFlag::key).sorted().toList());
        out.put("human_only", view.triage().humanOnly());
        out.put("assignee", kase.assignee());
        out.put("escalated_to", kase.escalatedTo());
        out.put("opened_at", kase.openedAt());
        out.put("first_response_due", kase.firstResponseDue());
        out.put("resolution_due", kase.resolutionDue());
        out.put("resolved_at", kase.resolvedAt());
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("platform", view.post().platform());
        post.put("id", view.post().platformId());
        post.put("author", view.post().author());
        post.put("text", view.post().text());
        post.put("url", view.post().url());
        out.put("post", post);
        return out;
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String name, String value, Parser<T> parser) {
        if (value == null || value.isBlank()) return null;
        try {
            return parser.parse(value);
        } catch (RuntimeException e) {
            throw ApiError.badRequest(name + ": " + (e instanceof NumberFormatException ? "not a number: " + value
                    : e.getMessage()));
        }
    }

    private static int limit(String value) {
        Integer limit = parse("limit", value, Integer::parseInt);
        if (limit == null) return DEFAULT_LIMIT;
        if (limit < 1 || limit > MAX_LIMIT) throw ApiError.badRequest("limit must be within 1.." + MAX_LIMIT);
        return limit;
    }
}
