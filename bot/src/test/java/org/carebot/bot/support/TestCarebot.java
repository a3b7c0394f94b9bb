package org.carebot.bot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebot.bot.Carebot;
import org.carebot.bot.Settings;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Carebot running for real on a random port, on its own database, talking to a {@link FakeSlack}. */
public final class TestCarebot implements AutoCloseable {

    public static final String API_TOKEN = "test-api-token";
    public static final String SIGNING_SECRET = "test-signing-secret";
    public static final String TELEGRAM_SECRET = "test-telegram-secret";
    public static final String CARE_LEAD = "ULEAD0001";
    public static final Path CONFIG = Path.of("..", "config", "carebot.yml");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Carebot carebot;
    private final HttpClient http = HttpClient.newHttpClient();
    public final CarebotConfig config;
    public final String dbUrl;

    private TestCarebot(Carebot carebot, CarebotConfig config, String dbUrl) {
        this.carebot = carebot;
        this.config = config;
        this.dbUrl = dbUrl;
    }

    public static String memoryDbUrl() {
        return "jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    public static TestCarebot start(FakeSlack slack) {
        return start(slack, memoryDbUrl());
    }

    public static TestCarebot start(FakeSlack slack, String dbUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("CAREBOT_PORT", "0");
        env.put("CAREBOT_WARM_UP_PASSES", "0");  // tests measure behaviour, not speed: start fast
        env.put("CAREBOT_DB_URL", dbUrl);
        env.put("CAREBOT_CONFIG", CONFIG.toString());
        env.put("CAREBOT_API_TOKEN", API_TOKEN);
        env.put("TELEGRAM_SECRET_TOKEN", TELEGRAM_SECRET);
        env.put("CAREBOT_CARE_LEAD", CARE_LEAD);
        if (slack != null) {
            env.put("SLACK_BOT_TOKEN", "xoxb-test-token");
            env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
            env.put("SLACK_API_URL", slack.apiUrl());
        }
        Settings settings = Settings.fromEnvironment(env);
        CarebotConfig config = new ConfigLoader(env).load(CONFIG);
        return new TestCarebot(Carebot.start(settings, config, Clock.systemUTC()), config, dbUrl);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + carebot.port() + path;
    }

    public HttpResponse<String> postTelegram(String body, String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/webhooks/telegram")))
                .header("Content-Type", "application/json");
        if (secret != null) request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> postJson(String path, String body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json");
        if (bearer != null) request.header("Authorization", "Bearer " + bearer);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (bearer != null) request.header("Authorization", "Bearer " + bearer);
        return send(request.GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET /api/cases with the API token, as JSON. */
    public JsonNode cases(String query) {
        return json(get("/api/cases" + (query.isEmpty() ? "" : "?" + query), API_TOKEN).body());
    }

    public JsonNode caseDetail(long id) {
        return json(get("/api/cases/" + id, API_TOKEN).body());
    }

    public static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    /** Waits until triage has run and nothing waits in the outbox. */
    public void awaitQuiet() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> {
                    // Every post written as triaged first, then the outbox read after that: a batch's cards are
                    // requested in the transaction that writes it.
                    if (json(get("/health", null).body()).get("posts").get("waiting").asInt() > 0) return false;
                    JsonNode health = json(get("/health", null).body());
                    return health.get("outbox").get("pending").asInt() == 0
                            && carebot.metrics().find("carebot.posts.received").counters().stream()
                            .mapToDouble(c -> c.count()).sum()
                            == carebot.metrics().find("carebot.triage.time").timers().stream()
                            .mapToLong(t -> t.count()).sum();
                });
    }

    public Carebot carebot() {
        return carebot;
    }

    @Override
    public void close() {
        carebot.close();
    }
}
