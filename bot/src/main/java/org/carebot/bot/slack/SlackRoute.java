package org.carebot.bot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /slack/events}: one URL for interactivity and slash commands. Hands the raw request to Bolt, which
 * verifies the signature and timestamp, and copies Bolt's answer back.
 */
public final class SlackRoute {

    /** The one request URL for interactivity and slash commands, as in manifest/slack/manifest.yml. */
    public static final String PATH = "/slack/events";

    private final App app;
    private final SlackRequestParser parser;

    public SlackRoute(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    public void handle(Context ctx) throws Exception {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : ctx.headerMap().keySet()) {
            headers.put(name, new ArrayList<>(ctx.req().getHeaders(name) == null ? List.of()
                    : java.util.Collections.list(ctx.req().getHeaders(name))));
        }
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(ctx.path())
                .queryString(ctx.queryParamMap())
                .headers(new RequestHeaders(headers))
                .requestBody(ctx.body())
                .remoteAddress(ctx.ip())
                .build());
        Response response = app.run(request);
        ctx.status(response.getStatusCode());
        response.getHeaders().forEach((name, values) -> values.forEach(value -> ctx.res().addHeader(name, value)));
        if (response.getContentType() != null) ctx.contentType(response.getContentType());
        if (response.getBody() != null) ctx.result(response.getBody());
    }
}
