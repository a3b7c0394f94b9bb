package org.carebot.bot.http;

import io.javalin.http.Context;
import org.carebot.connectors.Secrets;

import java.util.Optional;

/** Requires {@code Authorization: Bearer <CAREBOT_API_TOKEN>}: customer data is never served without it. */
public final class BearerAuth {

    private final Optional<String> token;

    public BearerAuth(Optional<String> token) {
        this.token = token;
    }

    public void require(Context ctx) {
        if (token.isEmpty()) {
            throw new ApiError(503, "the API is disabled: set CAREBOT_API_TOKEN to enable it");
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (!Secrets.constantTimeEquals(token.get(), given)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "missing or wrong bearer token");
        }
    }
}
