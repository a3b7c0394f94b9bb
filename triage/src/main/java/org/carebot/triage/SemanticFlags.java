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
    private record Row(SensitiveFlag flag, boolean counter) {
    }

    private final TextEmbedder embedder;
    private final Thresholds thresholds;
    private final List<Row> rows = new ArrayList<>();
    private final VectorTable meaning;
    private final CharGramTable surface;

    public SemanticFlags(TextEmbedder embedder, Map<SensitiveFlag, Examples> examples, Thresholds thresholds) {
        this.embedder = embedder;
        this.thresholds = thresholds;
        List<String> texts = new ArrayList<>();
        examples.forEach((flag, set) -> {
            for (String post : set.posts()) {
                rows.add(new Row(flag, false));
                texts.add(post);
            }
            for (String post : set.counterPosts()) {
                rows.add(new Row(flag, true));
                texts.add(post);
            }
        });
        this.meaning = new VectorTable(texts.isEmpty() ? List.of() : embedder.embedAll(texts));
        this.surface = new CharGramTable(texts);
    }

    /** Flags nothing: for the keyword engine. */
    public static SemanticFlags none() {
        return new SemanticFlags(texts -> List.of(), Map.of(), Thresholds.of(1.0));
    }

    public Reading read(String text) {
        if (rows.isEmpty()) return Reading.nothing();
        float[] byMeaning = meaning.dot(embedder.embed(text));
        double weight = thresholds.surfaceWeight();
        float[] bySurface = weight > 0 ? surface.similarities(text) : null;
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
