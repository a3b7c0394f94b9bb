package org.carebot.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.intake.TriageKit;
import org.carebot.triage.Fingerprint;
import org.carebot.triage.Post;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.Triage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Triage quality on the labeled dev set (triage/src/test/resources/quality), written by us and never used to teach the
 * engine: it learns from config examples and retags only. Run: {@code mvn -P quality verify -pl bot}.
 */
public final class QualityReport {

    private static final Path DATA = Path.of("..", "triage", "src", "test", "resources", "quality");

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        CarebotConfig config = new ConfigLoader(env).load(Path.of("..", "config", "carebot.yml"));
        TriageKit kit = TriageKit.build(config);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> devset = read(mapper, DATA.resolve("devset.jsonl"));
        List<JsonNode> pairs = read(mapper, DATA.resolve("pairs.jsonl"));
        System.out.printf("Engine: %s; dev set %d posts, %d duplicate pairs%n", config.triage().engine(), devset.size(),
                pairs.size());

        Counts intents = new Counts();
        Counts[] intentsByHalf = {new Counts(), new Counts()};  // even lines (tuning half), odd lines (held-out half)
        Counts spam = new Counts();
        Map<SensitiveFlag, Counts> flags = new TreeMap<>();
        for (SensitiveFlag flag : SensitiveFlag.values()) flags.put(flag, new Counts());
        int languageRight = 0;
        int flaggedButAutoReplyable = 0;
        int autoReplyable = 0;
        int replyableByLabel = 0;
        int abstained = 0;
        int sentimentRight = 0;
        Counts sarcasm = new Counts();
        Map<String, int[]> intentByLanguage = new TreeMap<>();  // language -> {right, total}
        List<String> misses = new ArrayList<>();
        long started = System.nanoTime();
        for (int line = 0; line < devset.size(); line++) {
            JsonNode item = devset.get(line);
            Triage triage = kit.engine().triage(Post.ofText(item.get("platform").asText(), item.get("id").asText(),
                    item.get("text").asText()));
            String expected = item.get("intent").asText();
            intents.add(expected, triage.intent());
            intentsByHalf[line % 2].add(expected, triage.intent());
            int[] byLanguage = intentByLanguage.computeIfAbsent(item.get("language").asText(), l -> new int[2]);
            if (expected.equals(triage.intent())) byLanguage[0]++;
            byLanguage[1]++;
            if (triage.intent().equals(Triage.OTHER)) abstained++;
            if (!expected.equals(triage.intent()) && misses.size() < 25) {
                misses.add(expected + " -> " + triage.intent() + ": " + item.get("text").asText());
            }
            spam.add(item.get("spam").asBoolean() ? "spam" : "ham", triage.spam() ? "spam" : "ham");
            Set<String> expectedFlags = new HashSet<>();
            item.get("flags").forEach(f -> expectedFlags.add(f.asText()));
            for (SensitiveFlag flag : SensitiveFlag.values()) {
                boolean want = expectedFlags.contains(flag.key());
                boolean got = triage.sensitive().contains(flag);
                flags.get(flag).add(want ? "yes" : "no", got ? "yes" : "no");
            }
            if (!expectedFlags.isEmpty() && !triage.humanOnly()) flaggedButAutoReplyable++;
            if (!triage.humanOnly()) autoReplyable++;
            if (expectedFlags.isEmpty() && !item.get("spam").asBoolean() && !item.get("sarcasm").asBoolean()
                    && config.autoReply().intents().contains(expected)) {
                replyableByLabel++;
            }
            if (item.get("language").asText().equals(triage.language())) languageRight++;
            if (item.get("sentiment").asText().equals(triage.tone().sentiment().key())) sentimentRight++;
            sarcasm.add(item.get("sarcasm").asBoolean() ? "yes" : "no", triage.tone().sarcasm() ? "yes" : "no");
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.println();
        System.out.println("Intent (one line per intent: precision, recall, F1, support)");
        Set<String> labels = new TreeSet<>(intents.labels());
        labels.remove(Triage.OTHER);
        for (String label : labels) {
            System.out.printf(Locale.ROOT, "  %-18s P %.2f  R %.2f  F1 %.2f  (%d)%n", label, intents.precision(label),
                    intents.recall(label), intents.f1(label), intents.support(label));
        }
        System.out.printf(Locale.ROOT, "  macro-F1 %.3f over %d intents; accuracy %.3f; abstained (other) %d%n",
                macroF1(intents, labels), labels.size(), intents.accuracy(), abstained);
        System.out.printf(Locale.ROOT, "  by half, through the whole engine (sarcasm and spam included): tuning half "
                + "(even lines) %.3f, held-out half (odd lines) %.3f%n", macroF1(intentsByHalf[0], labels),
                macroF1(intentsByHalf[1], labels));
        StringBuilder languages = new StringBuilder("  intent accuracy by the post's language:");
        intentByLanguage.forEach((language, counts) -> languages.append(String.format(Locale.ROOT, " %s %.3f (%d)",
                language, (double) counts[0] / counts[1], counts[1])));
        System.out.println(languages);
        System.out.printf(Locale.ROOT, "Spam/scam: P %.3f  R %.3f  F1 %.3f%n", spam.precision("spam"), spam.recall("spam"),
                spam.f1("spam"));
        System.out.println("Sensitive flags (precision, recall, support)");
        flags.forEach((flag, counts) -> System.out.printf(Locale.ROOT, "  %-15s P %.2f  R %.2f  (%d)%n", flag.key(),
                counts.precision("yes"), counts.recall("yes"), counts.support("yes")));
        System.out.printf("Flagged posts marked safe for an automatic reply: %d%n", flaggedButAutoReplyable);
        System.out.printf("Posts marked safe for an automatic reply: %d (by their labels, %d unflagged, sincere posts "
                + "of an auto-reply intent could be)%n", autoReplyable, replyableByLabel);
        System.out.printf(Locale.ROOT, "Language accuracy: %.3f%n", (double) languageRight / devset.size());
        System.out.printf(Locale.ROOT, "Sentiment accuracy (negative/neutral/positive): %.3f%n",
                (double) sentimentRight / devset.size());
        System.out.printf(Locale.ROOT, "Sarcasm: P %.2f  R %.2f  (%d)%n", sarcasm.precision("yes"), sarcasm.recall("yes"),
                sarcasm.support("yes"));
        duplicates(kit, pairs);
        System.out.printf(Locale.ROOT, "Triage time: %d posts in %.1f s = %.0f posts/s on one thread (embedding cache cold)%n",
                devset.size(), seconds, devset.size() / seconds);
        System.out.println();
        System.out.println("First misclassified intents:");
        misses.forEach(m -> System.out.println("  " + m));
    }

    private static void duplicates(TriageKit kit, List<JsonNode> pairs) {
        Counts counts = new Counts();
        for (JsonNode pair : pairs) {
            List<Fingerprint> prints = kit.fingerprints(List.of(pair.get("a").asText(), pair.get("b").asText()));
            boolean found = kit.duplicates().match(prints.get(0), prints.get(1)).isPresent();
            counts.add(pair.get("duplicate").asBoolean() ? "dup" : "distinct", found ? "dup" : "distinct");
        }
        System.out.printf(Locale.ROOT, "Duplicate pairs: P %.3f  R %.3f  F1 %.3f%n", counts.precision("dup"),
                counts.recall("dup"), counts.f1("dup"));
    }

    /** The labeled dev set, one post a line. */
    private static double macroF1(Counts counts, Set<String> labels) {
        return labels.stream().mapToDouble(counts::f1).sum() / labels.size();
    }

    public static List<JsonNode> devset() throws Exception {
        return read(new ObjectMapper(), DATA.resolve("devset.jsonl"));
    }

    private static List<JsonNode> read(ObjectMapper mapper, Path file) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        for (String line : Files.readAllLines(file)) if (!line.isBlank()) items.add(mapper.readTree(line));
        return items;
    }

    /** A confusion tally: (expected, predicted) pairs. */
    static final class Counts {
        private final List<String[]> pairs = new ArrayList<>();

        void add(String expected, String predicted) {
            pairs.add(new String[]{expected, predicted});
        }

        Set<String> labels() {
            Set<String> labels = new TreeSet<>();
            pairs.forEach(p -> labels.add(p[0]));
            return labels;
        }

        long count(String expected, String predicted) {
            return pairs.stream().filter(p -> (expected == null || p[0].equals(expected))
                    && (predicted == null || p[1].equals(predicted))).count();
        }

        int support(String label) {
            return (int) count(label, null);
        }

        double precision(String label) {
            long predicted = count(null, label);
            return predicted == 0 ? 0 : (double) count(label, label) / predicted;
        }

        double recall(String label) {
            long actual = count(label, null);
            return actual == 0 ? 0 : (double) count(label, label) / actual;
        }

        double f1(String label) {
            double p = precision(label);
            double r = recall(label);
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        double accuracy() {
            return pairs.isEmpty() ? 0 : (double) pairs.stream().filter(p -> p[0].equals(p[1])).count() / pairs.size();
        }
    }
}
