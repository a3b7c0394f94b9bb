package org.carebot.bot.intake;

import io.javalin.http.Context;
import org.carebot.bot.http.ApiError;
import org.carebot.bot.store.PostState;
import org.carebot.bot.http.BearerAuth;
import org.carebot.connectors.IncomingPost;
import org.carebot.connectors.InvalidPayloadException;
import org.carebot.connectors.telegram.TelegramWebhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The intake endpoints: verify, parse, store, answer. Nothing slow happens before the answer. */
public final class IntakeRoutes {

    private final IntakeService intake;
    private final Optional<TelegramWebhook> telegram;
    private final ApiPostParser apiPosts;
    private final BearerAuth auth;

    public IntakeRoutes(IntakeService intake, Optional<TelegramWebhook> telegram, ApiPostParser apiPosts, BearerAuth auth) {
        this.intake = intake;
        this.telegram = telegram;
        this.apiPosts = apiPosts;
        this.auth = auth;
    }

    /** {@code POST /webhooks/telegram}: Telegram retries anything but 2xx, so only bad requests get 4xx. */
    public void telegram(Context ctx) {
        TelegramWebhook webhook = telegram.orElseThrow(() ->
                new ApiError(503, "Telegram intake is not configured: set TELEGRAM_SECRET_TOKEN"));
        if (!webhook.verify(ctx.header(TelegramWebhook.SECRET_HEADER))) {
            throw new ApiError(401, "missing or wrong " + TelegramWebhook.SECRET_HEADER);
        }
        Optional<IncomingPost> post = parse(() -> webhook.parse(ctx.bodyAsBytes()));
        if (post.isEmpty()) {
            ctx.json(Map.of("ok", true, "stored", false, "reason", "the update carries no text post"));
            return;
        }
        answer(ctx, intake.accept(post.get()), 200);
    }

    /** {@code POST /api/posts}: the generic intake for sources without a connector yet. */
    public void apiPost(Context ctx) {
        auth.require(ctx);
        IncomingPost post = parse(() -> Optional.of(apiPosts.parse(ctx.bodyAsBytes()))).orElseThrow();
        answer(ctx, intake.accept(post), 202);
    }

    /** {@code POST /api/posts/{id}/retry}: a post set aside as failed goes back to triage. */
    public void retry(Context ctx) {
        auth.require(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("id must be a post id (a whole number), got '" + ctx.pathParam("id") + "'");
        }
        PostState before = intake.retry(id).orElseThrow(() -> new ApiError(404, "no post #" + id));
        if (before != PostState.FAILED) {
            throw new ApiError(409, "post #" + id + " is " + before.key() + ", not failed: nothing to retry");
        }
        ctx.json(Map.of("ok", true, "post_id", id, "state", PostState.NEW.key()));
    }

    private interface Parse {
        Optional<IncomingPost> run() throws InvalidPayloadException;
    }

    private static Optional<IncomingPost> parse(Parse parse) {
        try {
            return parse.run();
        } catch (InvalidPayloadException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static void answer(Context ctx, IntakeService.Accepted accepted, int createdStatus) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("stored", !accepted.duplicate());
        body.put("duplicate", accepted.duplicate());
        accepted.postId().ifPresent(id -> body.put("post_id", id));
        ctx.status(accepted.duplicate() ? 200 : createdStatus).json(body);
    }
}
