package org.carebot.bot;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.cli.BatchJvm;
import org.carebot.bot.cli.DemoFeed;
import org.carebot.bot.cli.JsonLines;
import org.carebot.bot.cli.PairsCommand;
import org.carebot.bot.cli.TriageCommand;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigException;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.intake.TriageKit;
import org.carebot.bot.store.Json;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** The command line: {@code serve}, {@code demo}, {@code triage}. */
public final class Main {

    static final String USAGE = """
            usage: java -jar bot/target/carebot.jar <command>
              serve                              run Carebot (settings from the environment, see README)
              demo                               run Carebot and replay ~200 demo posts; no credentials needed
              triage --in posts.jsonl --out triaged.jsonl
                                                 triage a file offline: input lines {"id","text","platform"?}
              triage --pairs --in pairs.jsonl --out out.jsonl
                                                 duplicate check offline: input lines {"id","a","b"}
            """;

    private Main() {
    }

    public static void main(String[] args) {
        if (BatchJvm.wanted(args)) {
            try {
                System.exit(BatchJvm.run(Main.class, args));
            } catch (IOException e) {
                System.err.println("carebot: cannot start a C1-only JVM for the batch, running in this one: "
                        + e.getMessage());
            } catch (InterruptedException e) {
                System.exit(130);
            }
        }
        try {
            System.exit(run(args, System.getenv()));
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("carebot: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args, Map<String, String> env) {
        if (args.length == 0) {
            System.err.print(USAGE);
            return 2;
        }
        try {
            return switch (args[0]) {
                case "serve" -> serve(Settings.fromEnvironment(env), env);
                case "demo" -> demo(env);
                case "triage" -> triage(List.of(args).subList(1, args.length), env);
                case "help", "--help", "-h" -> {
                    System.out.print(USAGE);
                    yield 0;
                }
                default -> {
                    System.err.print("carebot: unknown command '" + args[0] + "'\n" + USAGE);
                    yield 2;
                }
            };
        } catch (IOException e) {
            System.err.println("carebot: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static CarebotConfig config(Settings settings, Map<String, String> env) {
        return new ConfigLoader(env).load(settings.configPath());
    }

    private static int serve(Settings settings, Map<String, String> env) throws InterruptedException {
        Carebot carebot = Carebot.start(settings, config(settings, env), Clock.systemUTC());
        awaitShutdown(carebot);
        return 0;
    }

    private static int demo(Map<String, String> env) throws IOException, InterruptedException {
        Map<String, String> demoEnv = new java.util.HashMap<>(env);
        demoEnv.putIfAbsent("CAREBOT_DB_URL", "jdbc:h2:mem:carebot-demo;DB_CLOSE_DELAY=-1");
        Settings settings = Settings.fromEnvironment(demoEnv);
        if (settings.apiToken().isEmpty()) settings = settings.withApiToken(demoApiToken());
        if (settings.telegramSecretToken().isEmpty()) settings = settings.withTelegramSecretToken(randomToken());
        Carebot carebot = Carebot.start(settings, config(settings, demoEnv), Clock.systemUTC());

        Json json = new Json();
        DemoFeed feed = new DemoFeed(json.mapper(), "http://127.0.0.1:" + carebot.port(),
                settings.apiToken().orElseThrow(), settings.telegramSecretToken().orElseThrow());
        List<JsonNode> posts = feed.load();
        double speed = Double.parseDouble(demoEnv.getOrDefault("CAREBOT_DEMO_SPEED", "1"));
        System.out.printf("Replaying %d demo posts over about %d s. Cases: curl -H \"Authorization: Bearer $(cat %s)\" "
                        + "http://localhost:%d/api/cases%n", posts.size(),
                Math.round(posts.get(posts.size() - 1).path("at_ms").asLong() / 1000.0 / speed),
                env.containsKey("CAREBOT_API_TOKEN") ? "<your CAREBOT_API_TOKEN>" : DEMO_TOKEN_FILE, carebot.port());
        DemoFeed.Result result = feed.replay(posts, speed);
        System.out.printf("Demo feed replayed: %d posts sent, %d stored, %d duplicates, %d refused. "
                + "Carebot keeps running; Ctrl+C stops it.%n", result.sent(), result.stored(), result.duplicates(),
                result.failed());
        awaitShutdown(carebot);
        return 0;
    }

    static final Path DEMO_TOKEN_FILE = Path.of("data", "demo-api-token");

    /** The demo's API token goes to a file readable only by its owner, never to the log. */
    private static String demoApiToken() throws IOException {
        String token = randomToken();
        Files.createDirectories(DEMO_TOKEN_FILE.getParent());
        Files.deleteIfExists(DEMO_TOKEN_FILE);
        try {
            Files.createFile(DEMO_TOKEN_FILE, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(DEMO_TOKEN_FILE);
        }
        Files.writeString(DEMO_TOKEN_FILE, token);
        return token;
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int triage(List<String> args, Map<String, String> env) throws IOException {
        Path in = null;
        Path out = null;
        boolean pairs = false;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--pairs")) {
                pairs = true;
                continue;
            }
            if (i + 1 >= args.size()) throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
            switch (flag) {
                case "--in" -> in = Path.of(args.get(++i));
                case "--out" -> out = Path.of(args.get(++i));
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'\n" + USAGE);
            }
        }
        if (in == null || out == null) throw new IllegalArgumentException("triage needs --in and --out\n" + USAGE);
        // Checked before the engine is built, which takes seconds. A pipe or /dev/stdin is no regular file but reads.
        if (!Files.exists(in)) throw new IOException("cannot read " + in + ": no such file");
        if (Files.isDirectory(in)) throw new IOException("cannot read " + in + ": it is a directory");
        Path outDirectory = out.toAbsolutePath().getParent();
        if (outDirectory != null && !Files.isDirectory(outDirectory)) {
            throw new IOException("cannot write " + out + ": no such directory " + outDirectory);
        }
        Settings settings = Settings.fromEnvironment(env);
        TriageKit triage = TriageKit.build(config(settings, env));
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            long started = System.nanoTime();
            JsonLines.Summary summary = pairs
                    ? new PairsCommand(triage::fingerprints, triage.duplicates(), new Json().mapper(),
                    triage.workers())
                    .run(reader, writer, System.err)
                    : new TriageCommand(triage.engine(), triage.router(), new Json().mapper(), triage.workers())
                    .run(reader, writer, System.err);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.err.printf(java.util.Locale.ROOT, "%s %d %s into %s in %.1f s (%.0f/s), skipped %d bad lines%n",
                    pairs ? "compared" : "triaged", summary.processed(), pairs ? "pairs" : "posts", out, seconds,
                    summary.processed() / Math.max(seconds, 1e-9), summary.skipped());
            return summary.processed() == 0 && summary.skipped() > 0 ? 1 : 0;
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + e.getFile() + ": no such file");
        }
    }

    private static void awaitShutdown(Carebot carebot) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            carebot.close();
            stopped.countDown();
        }, "carebot-shutdown"));
        stopped.await();
    }
}
