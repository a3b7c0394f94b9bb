package org.carebot.bot.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** WireMock speaking the Slack Web API: form-encoded requests in, {@code {"ok":true,...}} out. */
public final class FakeSlack implements AutoCloseable {

    private final WireMockServer server = new WireMockServer(options().dynamicPort().globalTemplating(true));
    private final AtomicLong ts = new AtomicLong(1_700_000_000L);

    public FakeSlack() {
        server.start();
        stubDefaults();
    }

    public void stubDefaults() {
        server.resetAll();
        stub("auth.test", """
                {"ok":true,"url":"https://example.slack.com/","team":"Example","user":"carebot","team_id":"T0001",
                 "user_id":"UBOT","bot_id":"BBOT"}""");
        stubPostMessageOk();
        stub("chat.update", "{\"ok\":true,\"channel\":\"C0\",\"ts\":\"1700000000.000100\"}");
        stub("chat.postEphemeral", "{\"ok\":true,\"message_ts\":\"1700000000.000999\"}");
        stub("usergroups.users.list", "{\"ok\":true,\"users\":[]}");
    }

    public void stubPostMessageOk() {
        server.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(5).willReturn(okJson(
                "{\"ok\":true,\"channel\":\"C0\",\"ts\":\"{{randomValue length=10 type='NUMERIC'}}.000100\"}")));
    }

    public void stub(String method, String json) {
        server.stubFor(post(urlEqualTo("/api/" + method)).atPriority(5).willReturn(okJson(json)));
    }

    /** The next call of {@code method} gets HTTP 429 with Retry-After; later ones fall through to the usual stub. */
    public void rateLimitOnce(String method, int retryAfterSeconds) {
        server.stubFor(post(urlEqualTo("/api/" + method)).atPriority(1)
                .inScenario("rate-limit-" + method).whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("limited-once"));
    }

    public void failWith(String method, int status) {
        server.stubFor(post(urlEqualTo("/api/" + method)).atPriority(1)
                .willReturn(aResponse().withStatus(status).withBody("{\"ok\":false,\"error\":\"service_unavailable\"}")));
    }

    public String apiUrl() {
        return server.baseUrl() + "/api/";
    }

    public List<Map<String, String>> calls(String method) {
        return server.findAll(postRequestedFor(urlEqualTo("/api/" + method))).stream()
                .map(FakeSlack::form)
                .toList();
    }

    public List<LoggedRequest> requests(String method) {
        return server.findAll(postRequestedFor(urlEqualTo("/api/" + method)));
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> params = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            if (pair.isEmpty()) continue;
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    @Override
    public void close() {
        server.stop();
    }
}
