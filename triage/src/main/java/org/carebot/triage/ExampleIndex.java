package org.carebot.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Labeled example posts with their embeddings: those written in config, and those people labeled by retagging.
 * Reads never block; an added example is seen by the next classification.
 */
public final class ExampleIndex {

    /** Where an example came from: written in config, or a person's retag. */
    public enum Source { CONFIG, RETAG }

    public record Example(String intent, String text, float[] vector, Source source) {
        public Example {
            Objects.requireNonNull(intent, "intent");
            Objects.requireNonNull(vector, "vector");
        }
    }

    /** How close the nearest examples of one intent are: the mean of its top-k similarities, and the best one. */
    public record IntentSimilarity(String intent, double meanTopK, double best, Example nearest) {
    }

    private volatile List<Example> examples = List.of();

    public synchronized void add(Example example) {
        List<Example> next = new ArrayList<>(examples);
        next.add(example);
        examples = List.copyOf(next);
    }

    public synchronized void addAll(List<Example> added) {
        List<Example> next = new ArrayList<>(examples);
        next.addAll(added);
        examples = List.copyOf(next);
    }

    public int size() {
        return examples.size();
    }

    public long count(Source source) {
        return examples.stream().filter(e -> e.source() == source).count();
    }

    /** Per intent, how similar its closest {@code k} examples are to the query; most similar intent first. */
    public List<IntentSimilarity> similarities(float[] query, int k) {
        Map<String, List<double[]>> byIntent = new HashMap<>();
        Map<String, Example> nearest = new HashMap<>();
        Map<String, Double> best = new HashMap<>();
        for (Example example : examples) {
            double similarity = TextEmbedder.cosine(query, example.vector());
            byIntent.computeIfAbsent(example.intent(), i -> new ArrayList<>()).add(new double[]{similarity});
            if (similarity > best.getOrDefault(example.intent(), -2.0)) {
                best.put(example.intent(), similarity);
                nearest.put(example.intent(), example);
            }
        }
        List<IntentSimilarity> result = new ArrayList<>();
        byIntent.forEach((intent, similarities) -> {
            double[] sorted = similarities.stream().mapToDouble(s -> s[0]).sorted().toArray();
            int take = Math.min(k, sorted.length);
            double sum = 0;
            for (int i = 0; i < take; i++) sum += sorted[sorted.length - 1 - i];
            result.add(new IntentSimilarity(intent, sum / take, best.get(intent), nearest.get(intent)));
        });
        result.sort(Comparator.comparingDouble(IntentSimilarity::meanTopK).reversed());
        return result;
    }
}
