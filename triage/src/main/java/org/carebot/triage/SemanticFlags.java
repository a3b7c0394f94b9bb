package org.carebot.triage;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sensitive content found by meaning: a post at least as similar as its flag's threshold to one of the flag's example
 * posts gets the flag. Catches what keywords cannot (indirect self-harm language, a legal threat in other words) in
 * every language the examples cover.
 */
public final class SemanticFlags {

    /** How similar a post must be to a flag's examples: one value, and flags that need their own (self-harm lower). */
    public record Thresholds(double standard, Map<SensitiveFlag, Double> perFlag) {
        public Thresholds {
            perFlag = perFlag == null ? Map.of() : Map.copyOf(perFlag);
        }

        public static Thresholds of(double standard) {
            return new Thresholds(standard, Map.of());
        }

        public double forFlag(SensitiveFlag flag) {
            return perFlag.getOrDefault(flag, standard);
        }
    }

    /** The flags a post earned, and its similarity to the nearest example of each flag. */
    public record Reading(Set<SensitiveFlag> flags, Map<SensitiveFlag, Double> similarity) {
        public Reading {
            flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
            similarity = Map.copyOf(similarity);
        }

        /** How close the post came to an example of any flag; 0 without examples. */
        public double closest() {
            return similarity.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private final TextEmbedder embedder;
    private final Map<SensitiveFlag, VectorTable> examples = new EnumMap<>(SensitiveFlag.class);
    private final Thresholds thresholds;

    public SemanticFlags(TextEmbedder embedder, Map<SensitiveFlag, List<String>> examplePosts, Thresholds thresholds) {
        this.embedder = embedder;
        this.thresholds = thresholds;
        examplePosts.forEach((flag, posts) -> {
            if (!posts.isEmpty()) examples.put(flag, new VectorTable(embedder.embedAll(posts)));
        });
    }

    /** Flags nothing: for the keyword engine. */
    public static SemanticFlags none() {
        return new SemanticFlags(texts -> List.of(), Map.of(), Thresholds.of(1.0));
    }

    public Reading read(String text) {
        if (examples.isEmpty()) return new Reading(Set.of(), Map.of());
        float[] vector = embedder.embed(text);
        Set<SensitiveFlag> flags = EnumSet.noneOf(SensitiveFlag.class);
        Map<SensitiveFlag, Double> similarity = new EnumMap<>(SensitiveFlag.class);
        for (Map.Entry<SensitiveFlag, VectorTable> flag : examples.entrySet()) {
            double nearest = flag.getValue().max(vector);
            similarity.put(flag.getKey(), nearest);
            if (nearest >= thresholds.forFlag(flag.getKey())) flags.add(flag.getKey());
        }
        return new Reading(flags, similarity);
    }
}
