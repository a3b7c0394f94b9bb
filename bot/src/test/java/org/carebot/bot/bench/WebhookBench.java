package org.carebot.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebot.bot.Carebot;
import org.carebot.bot.Settings;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.support.TelegramUpdates;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telegram webhook throughput and ack latency on an H2 file database, loaded over loopback, and the time from a post
 * stored to its case's card enqueued. Run: {@code mvn -P bench verify} (see docs/PERFORMANCE.md).
 * Load generator and Carebot share one JVM and the machine's cores; the figures include that contention.
 */
public final class WebhookBench {

    private static final String SECRET = "bench-secret";
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(System.getProperty("bench.clients", "8"));
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "20"));
        int rate = Integer.parseInt(System.getProperty("bench.rate", "200"));
        Path dir = Files.createTempDirectory("carebot-bench");
        String dbUrl = "jdbc:h2:file:" + dir.resolve("carebot").toAbsolutePath();
        Map<String, String> env = Map.of("CAREBOT_PORT", "0", "CAREBOT_DB_URL", dbUrl, "TELEGRAM_SECRET_TOKEN", SECRET,
                "CAREBOT_CONFIG", Path.of("..", "config", "carebot.yml").toString());
        CarebotConfig config = new ConfigLoader(env).load(Path.of(env.get("CAREBOT_CONFIG")));
        List<String> texts = demoTexts();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        try (Carebot carebot = Carebot.start(Settings.fromEnvironment(env), config, Clock.systemUTC())) {
            URI uri = URI.create("http://127.0.0.1:" + carebot.port() + "/webhooks/telegram");
            System.out.printf("Carebot on port %d, H2 file %s, %d cores%n", carebot.port(), dir,
                    Runtime.getRuntime().availableProcessors());

            closedLoop(http, uri, texts, clients, Duration.ofSeconds(5));  // warm-up: JIT, pools, Lingua
            waitForTriage(dbUrl, 0, Duration.ZERO);

            long beforeSaturation = maxPostId(dbUrl);
            long saturationStart = System.nanoTime();
            Result saturated = closedLoop(http, uri, texts, clients, Duration.ofSeconds(seconds));
            report("Saturation, " + clients + " clients in a closed loop, " + seconds + " s", saturated);
            waitForTriage(dbUrl, saturated.latenciesNanos().length, Duration.ofNanos(System.nanoTime() - saturationStart));
            intakeToCard(dbUrl, beforeSaturation, "the saturation run (includes the triage backlog)");

            long beforePaced = maxPostId(dbUrl);
            long pacedStart = System.nanoTime();
            Result paced = fixedRate(http, uri, texts, rate, Duration.ofSeconds(seconds));
            report("Fixed rate " + rate + " requests/s (open loop), " + seconds + " s", paced);
            waitForTriage(dbUrl, paced.latenciesNanos().length, Duration.ofNanos(System.nanoTime() - pacedStart));
            intakeToCard(dbUrl, beforePaced, "the fixed-rate run");
            System.out.printf("Posts suppressed as noise: %d of %d%n",
                    count(dbUrl, "SELECT COUNT(*) FROM posts WHERE state = 'suppressed'"),
                    count(dbUrl, "SELECT COUNT(*) FROM posts"));
            System.out.printf("Peak RSS of the JVM (Carebot and load generator): %s%n", peakRss());
        }
    }

    record Result(long[] latenciesNanos, Duration elapsed, long errors) {
    }

    private static HttpRequest request(URI uri, List<String> texts) {
        long id = NEXT_ID.getAndIncrement();
        String text = texts.get((int) (id % texts.size())) + " #" + id;
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(TelegramUpdates.message(id, id, text))).build();
    }

    private static Result closedLoop(HttpClient http, URI uri, List<String> texts, int clients, Duration length)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request(uri, texts), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) errors.incrementAndGet();
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n == latencies.length) latencies = Arrays.copyOf(latencies, n * 2);
                    latencies[n++] = System.nanoTime() - sent;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> future : futures) parts.add(future.get());
        pool.shutdown();
        return new Result(merge(parts), Duration.ofNanos(System.nanoTime() - start), errors.get());
    }

    private static Result fixedRate(HttpClient http, URI uri, List<String> texts, int rate, Duration length)
            throws Exception {
        int total = (int) (rate * length.toSeconds());
        long interval = 1_000_000_000L / rate;
        long[] latencies = new long[total];
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            int index = i;
            futures.add(pool.submit(() -> {
                // Latency from the scheduled send time, so a stalled server cannot hide its queueing.
                try {
                    HttpResponse<Void> response = http.send(request(uri, texts), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) errors.incrementAndGet();
                } catch (java.io.IOException e) {
                    errors.incrementAndGet();
                }
                latencies[index] = System.nanoTime() - due;
                return null;
            }));
        }
        for (Future<?> future : futures) future.get();
        pool.shutdown();
        return new Result(latencies, Duration.ofNanos(System.nanoTime() - start), errors.get());
    }

    private static long[] merge(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static void report(String title, Result result) {
        long[] sorted = result.latenciesNanos().clone();
        Arrays.sort(sorted);
        double seconds = result.elapsed().toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d requests in %.1f s = %.0f req/s, errors %d; ack latency p50 %.2f ms, "
                        + "p99 %.2f ms, max %.2f ms%n", title, sorted.length, seconds, sorted.length / seconds,
                result.errors(), pct(sorted, 0.50), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** Waits until every stored post is triaged; reports the triage rate over the run and its backlog. */
    private static void waitForTriage(String dbUrl, long posts, Duration loadTime) throws Exception {
        long started = System.nanoTime();
        while (count(dbUrl, "SELECT COUNT(*) FROM posts WHERE state IN ('new', 'triaging')") > 0) Thread.sleep(100);
        if (posts == 0) return;
        double backlog = (System.nanoTime() - started) / 1e9;
        double total = loadTime.toNanos() / 1e9 + backlog;
        System.out.printf(Locale.ROOT, "  triage: backlog drained %.1f s after the load stopped; %d posts triaged and "
                + "routed in %.1f s = %.0f posts/s%n", backlog, posts, total, posts / total);
    }

    private static long maxPostId(String dbUrl) throws Exception {
        return count(dbUrl, "SELECT COALESCE(MAX(id), 0) FROM posts");
    }

    /**
     * From each post stored (received_at) to its triage recorded: in the same transaction its case was opened, or, for a
     * repeat, it joined its case and the card refresh was enqueued. Spam is left out.
     */
    private static void intakeToCard(String dbUrl, long afterPostId, String phase) throws Exception {
        List<Long> millis = new ArrayList<>();
        long opened;
        try (Connection connection = DriverManager.getConnection(dbUrl); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT p.received_at, t.triaged_at FROM posts p "
                     + "JOIN triages t ON t.post_id = p.id WHERE t.spam = FALSE AND p.id > " + afterPostId)) {
            while (rows.next()) {
                millis.add(Duration.between(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant()).toMillis());
            }
        }
        opened = count(dbUrl, "SELECT COUNT(*) FROM cases c WHERE c.post_id > " + afterPostId);
        if (millis.isEmpty()) {
            System.out.println("  intake to card enqueued, " + phase + ": no post to measure");
            return;
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "  intake to card enqueued (case opened, or repeat joined and card refresh enqueued), "
                        + "%s: %d posts (%d new cases), p50 %d ms, p99 %d ms, max %d ms%n", phase, sorted.length, opened,
                sorted[sorted.length / 2], sorted[(int) Math.ceil(0.99 * sorted.length) - 1], sorted[sorted.length - 1]);
    }

    private static long count(String dbUrl, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(dbUrl); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String peakRss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replace("VmHWM:", "").trim()).findFirst().orElse("unknown");
    }

    private static List<String> demoTexts() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (var in = WebhookBench.class.getResourceAsStream("/demo/feed.jsonl");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = mapper.readTree(line);
                texts.add(node.get("text").asText());
            }
        }
        return texts;
    }
}
