package org.carebot.triage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sensitive content found by resemblance: a post at least as similar as its flag's threshold to one of the flag's
 * example posts gets the flag, unless one of the flag's counter-examples (posts that sound like it and are not: "this
 * outage is killing me") is closer still. Catches what keywords cannot (indirect self-harm language, a legal threat
 * in other words) in every language the examples cover. Similarity mixes meaning (embeddings) with shared word pieces
 * ({@link CharGramTable}), which carry the languages an English sentence model reads poorly.
 */
public final class SemanticFlags {

    /**
     * How similar a post must be to a flag's examples: one value, and flags that need their own (self-harm lower);
     * {@code surfaceWeight} is the share of shared word pieces in a similarity (0: meaning alone).
     */
    public record Thresholds(double standard, Map<SensitiveFlag, Double> perFlag, double surfaceWeight) {
        public Thresholds {
            perFlag = perFlag == null ? Map.of() : Map.copyOf(perFlag);
            if (surfaceWeight < 0 || surfaceWeight > 1) {
                throw new IllegalArgumentException("surfaceWeight must be between 0 and 1, got " + surfaceWeight);
            }
        }

        public static Thresholds of(double standard) {
            return new Thresholds(standard, Map.of(), 0);
        }

        public double forFlag(SensitiveFlag flag) {
            return perFlag.getOrDefault(flag, standard);
        }
    }

    /** The example posts of one flag, and the posts that sound like it but are not. */
    public record Examples(List<String> posts, List<String> counterPosts) {
        public Examples {
            posts = List.copyOf(posts);
            counterPosts = counterPosts == null ? List.of() : List.copyOf(counterPosts);
        }

        public static Map<SensitiveFlag, Examples> of(Map<SensitiveFlag, List<String>> posts) {
            Map<SensitiveFlag, Examples> examples = new EnumMap<>(SensitiveFlag.class);
            posts.forEach((flag, list) -> examples.put(flag, new Examples(list, List.of())));
            return examples;
        }
    }

    /**
     * The flags a post earned; per flag, its similarity to the nearest example and to the nearest counter-example
     * (-1 without any); and how close it came in meaning alone to any example, for the auto-reply safety margin.
     */
    public record Reading(Set<SensitiveFlag> flags, Map<SensitiveFlag, Double> similarity,
                          Map<SensitiveFlag, Double> counterSimilarity, double closestMeaning) {
        public Reading {
            flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
            similarity = Map.copyOf(similarity);
            counterSimilarity = Map.copyOf(counterSimilarity);
        }

        static Reading nothing() {
            return new Reading(Set.of(), Map.of(), Map.of(), 0);
        }

        /** How close the post came in meaning to an example of any flag; 0 without examples. */
        public double closest() {
            return closestMeaning;
        }
    }

    /** Which flag a row of the tables belongs to, and whether it is a counter-example. */
    private record Row(SensitiveFlag flag, boolean counter, String text, float[] vector, boolean learned) {
        static Row of(Lesson lesson, float[] vector, boolean learned) {
            return new Row(lesson.flag(), !lesson.sensitive(), lesson.text(), vector, learned);
        }
    }

    /** The rows and their two tables, replaced whole when a person teaches a new example. */
    private record Snapshot(List<Row> rows, VectorTable meaning, CharGramTable surface) {
        static Snapshot of(List<Row> rows) {
            return new Snapshot(List.copyOf(rows), new VectorTable(rows.stream().map(Row::vector).toList()),
                    new CharGramTable(rows.stream().map(Row::text).toList()));
        }
    }

    private final TextEmbedder embedder;
    private final Thresholds thresholds;
    private volatile Snapshot snapshot;

    public SemanticFlags(TextEmbedder embedder, Map<SensitiveFlag, Examples> examples, Thresholds thresholds) {
        this.embedder = embedder;
        this.thresholds = thresholds;
        List<Lesson> written = new ArrayList<>();
        examples.forEach((flag, set) -> {
            for (String post : set.posts()) written.add(new Lesson(post, flag, true));
            for (String post : set.counterPosts()) written.add(new Lesson(post, flag, false));
        });
        List<float[]> vectors = written.isEmpty() ? List.of() : embedder.embedAll(written.stream().map(Lesson::text).toList());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) rows.add(Row.of(written.get(i), vectors.get(i), false));
        this.snapshot = Snapshot.of(rows);
    }

    /** Flags nothing: for the keyword engine. */
    public static SemanticFlags none() {
        return new SemanticFlags(texts -> List.of(), Map.of(), Thresholds.of(1.0));
    }

    /**
     * A person said this text is (or, with {@code sensitive} false, is not) of this flag: it becomes one of the flag's
     * examples or counter-examples, and the next similar post is read with it at once. Rebuilding the word-piece
     * table takes some milliseconds; it happens at a person's pace, not per post.
     */
    public synchronized void learn(String text, SensitiveFlag flag, boolean sensitive) {
        learnAll(List.of(new Lesson(text, flag, sensitive)));
    }

    /** What a person (or the config) says of one text and one flag: an example, or with sensitive false a counter-example. */
    public record Lesson(String text, SensitiveFlag flag, boolean sensitive) {
    }

    /** Several lessons in one rebuild: the labels stored by people, at start. */
    public synchronized void learnAll(List<Lesson> lessons) {
        if (lessons.isEmpty()) return;
        List<float[]> vectors = embedder.embedAll(lessons.stream().map(Lesson::text).toList());
        List<Row> rows = new ArrayList<>(snapshot.rows());
        for (int i = 0; i < lessons.size(); i++) {
            Lesson lesson = lessons.get(i);
            // The latest word on a text and a flag stands: "is self-harm", then "is not", leaves only the "is not".
            rows.removeIf(row -> row.learned() && row.flag() == lesson.flag() && row.text().equals(lesson.text()));
            rows.add(Row.of(lesson, vectors.get(i), true));
        }
        snapshot = Snapshot.of(rows);
    }

    public Reading read(String text) {
        Snapshot current = snapshot;
        List<Row> rows = current.rows();
        if (rows.isEmpty()) return Reading.nothing();
        float[] byMeaning = current.meaning().dot(embedder.embed(text));
        double weight = thresholds.surfaceWeight();
        float[] bySurface = weight > 0 ? current.surface().similarities(text) : null;
        // Per flag, by ordinal: a map merge per row boxed a double for each of about 800 rows.
        double[] nearestByFlag = new double[SensitiveFlag.values().length];
        double[] nearestCounterByFlag = new double[nearestByFlag.length];
        java.util.Arrays.fill(nearestByFlag, Double.NaN);
        java.util.Arrays.fill(nearestCounterByFlag, Double.NaN);
        double closestMeaning = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double similarity = bySurface == null ? byMeaning[i] : (1 - weight) * byMeaning[i] + weight * bySurface[i];
            double[] nearestOfKind = row.counter() ? nearestCounterByFlag : nearestByFlag;
            int flag = row.flag().ordinal();
            if (Double.isNaN(nearestOfKind[flag]) || similarity > nearestOfKind[flag]) nearestOfKind[flag] = similarity;
            if (!row.counter()) closestMeaning = Math.max(closestMeaning, byMeaning[i]);
        }
        Map<SensitiveFlag, Double> nearest = byFlag(nearestByFlag);
        Map<SensitiveFlag, Double> nearestCounter = byFlag(nearestCounterByFlag);
        Set<SensitiveFlag> flags = EnumSet.noneOf(SensitiveFlag.class);
        nearest.forEach((flag, similarity) -> {
            boolean closerToCounter = nearestCounter.getOrDefault(flag, -1.0) > similarity;
            if (similarity >= thresholds.forFlag(flag) && !closerToCounter) flags.add(flag);
        });
        return new Reading(flags, nearest, nearestCounter, closestMeaning);
    }

    private static Map<SensitiveFlag, Double> byFlag(double[] values) {
        Map<SensitiveFlag, Double> map = new EnumMap<>(SensitiveFlag.class);
        for (SensitiveFlag flag : SensitiveFlag.values()) {
            if (!Double.isNaN(values[flag.ordinal()])) map.put(flag, values[flag.ordinal()]);
        }
        return map;
    }
}
