package org.carebot.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carebot.connectors.telegram.TelegramWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays the demo feed ({@code demo/feed.jsonl}) through the real intake endpoints at its own pace: Telegram posts as
 * signed Telegram updates to {@code /webhooks/telegram}, the other platforms through {@code /api/posts}.
 */
public final class DemoFeed {

    private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);
    static final String RESOURCE = "/demo/feed.jsonl";
    private static final long DEMO_GROUP_CHAT_ID = -1001234567890L;

    public record Result(int sent, int stored, int duplicates, int failed) {
    }

    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiToken;
    private final String telegramSecret;

    public DemoFeed(ObjectMapper mapper, String baseUrl, String apiToken, String telegramSecret) {
        this.mapper = mapper;
        this.baseUrl = baseUrl;
        this.apiToken = apiToken;
        this.telegramSecret = telegramSecret;
    }

    public List<JsonNode> load() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (InputStream in = DemoFeed.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IOException("the demo feed " + RESOURCE + " is missing from the jar");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) lines.add(mapper.readTree(line));
            }
        }
        return lines;
    }

    /** Sends every post at its {@code at_ms} divided by {@code speed}. */
    public Result replay(List<JsonNode> feed, double speed) throws InterruptedException {
        long start = System.nanoTime();
        int stored = 0;
        int duplicates = 0;
        int failed = 0;
        for (int i = 0; i < feed.size(); i++) {
            JsonNode item = feed.get(i);
            long dueMillis = (long) (item.path("at_ms").asLong() / speed);
            long waitMillis = dueMillis - (System.nanoTime() - start) / 1_000_000;
            if (waitMillis > 0) Thread.sleep(waitMillis);
            try {
                HttpResponse<String> response = send(item, i);
                if (response.statusCode() >= 300) {
                    failed++;
                    log.warn("Demo post {} was refused: {} {}", i + 1, response.statusCode(), response.body());
                } else if (mapper.readTree(response.body()).path("duplicate").asBoolean()) {
                    duplicates++;
                } else {
                    stored++;
                }
            } catch (IOException e) {
                failed++;
                log.warn("Demo post {} could not be sent: {}", i + 1, e.toString());
            }
        }
        return new Result(feed.size(), stored, duplicates, failed);
    }

    private HttpResponse<String> send(JsonNode item, int index) throws IOException, InterruptedException {
        String platform = item.path("platform").asText();
        HttpRequest.Builder request;
        String body;
        if (platform.equals(TelegramWebhook.PLATFORM)) {
            body = mapper.writeValueAsString(telegramUpdate(item, index));
            request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/telegram"))
                    .header(TelegramWebhook.SECRET_HEADER, telegramSecret);
        } else {
            ObjectNode post = mapper.createObjectNode();
            post.put("platform", platform);
            post.put("id", item.path("id").asText());
            post.put("text", item.path("text").asText());
            post.set("author", item.path("author"));
            if (item.hasNonNull("url")) post.put("url", item.get("url").asText());
            body = mapper.writeValueAsString(post);
            request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/posts"))
                    .header("Authorization", "Bearer " + apiToken);
        }
        return http.send(request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A Telegram Bot API Update for a message in the brand's public community group. */
    private ObjectNode telegramUpdate(JsonNode item, int index) {
        JsonNode author = item.path("author");
        ObjectNode update = mapper.createObjectNode();
        update.put("update_id", 500_000 + index);
        ObjectNode message = update.putObject("message");
        message.put("message_id", Long.parseLong(item.path("id").asText()));
        message.put("date", System.currentTimeMillis() / 1000);
        ObjectNode chat = message.putObject("chat");
        chat.put("id", DEMO_GROUP_CHAT_ID);
        chat.put("type", "supergroup");
        chat.put("title", "Acme Cloud Community");
        chat.put("username", "acmecloud_community");
        ObjectNode from = message.putObject("from");
        from.put("id", Math.abs((long) author.path("id").asText().hashCode()));
        from.put("is_bot", false);
        from.put("first_name", author.path("name").asText("Someone"));
        String handle = author.path("handle").asText("");
        if (!handle.isEmpty()) from.put("username", handle.startsWith("@") ? handle.substring(1) : handle);
        message.put("text", item.path("text").asText());
        return update;
    }
}
