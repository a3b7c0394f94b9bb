package org.carebot.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Labeled example posts with their embeddings: those written in config, and those people labeled by retagging.
 * Reads never block (an immutable snapshot, grouped by intent); an added example is seen by the next classification.
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

    /** The examples of one intent, their vectors in one table for a tight loop. */
    private record Group(String intent, List<Example> examples, VectorTable vectors) {
        Group(String intent, List<Example> examples) {
            this(intent, examples, new VectorTable(examples.stream().map(Example::vector).toList()));
        }
    }

    /** The groups, and the surface form of every example in group order (for the lexical half of a similarity). */
    private record Snapshot(List<Group> groups, CharGramTable surface) {
        static Snapshot of(List<Group> groups) {
            return new Snapshot(groups, new CharGramTable(
                    groups.stream().flatMap(g -> g.examples().stream()).map(Example::text).toList()));
        }
    }

    private volatile Snapshot snapshot = Snapshot.of(List.of());

    public synchronized void add(Example example) {
        addAll(List.of(example));
    }

    public synchronized void addAll(List<Example> added) {
        Map<String, List<Example>> byIntent = new LinkedHashMap<>();
        for (Group group : snapshot.groups()) byIntent.put(group.intent(), new ArrayList<>(group.examples()));
        for (Example example : added) byIntent.computeIfAbsent(example.intent(), i -> new ArrayList<>()).add(example);
        List<Group> next = new ArrayList<>();
        byIntent.forEach((intent, examples) -> next.add(new Group(intent, List.copyOf(examples))));
        snapshot = Snapshot.of(List.copyOf(next));
    }

    /** The examples of one intent, as they are now. */
    public List<Example> examples(String intent) {
        return snapshot.groups().stream().filter(g -> g.intent().equals(intent)).findFirst().map(Group::examples).orElse(List.of());
    }

    public int size() {
        return snapshot.groups().stream().mapToInt(g -> g.examples().size()).sum();
    }

    public long count(Source source) {
        return snapshot.groups().stream().flatMap(g -> g.examples().stream()).filter(e -> e.source() == source).count();
    }

    /** Per intent, how similar its closest {@code k} examples are to the query; most similar intent first. */
    public List<IntentSimilarity> similarities(float[] query, int k) {
        return similarities(query, null, k, 0);
    }

    /**
     * Per intent, how similar its closest {@code k} examples are to a post: by meaning, and with
     * {@code surfaceWeight} above 0, that share by shared word pieces ({@link CharGramTable}).
     */
    public List<IntentSimilarity> similarities(float[] query, String text, int k, double surfaceWeight) {
        Snapshot current = snapshot;
        float[] surface = surfaceWeight > 0 ? current.surface().similarities(text) : null;
        List<IntentSimilarity> result = new ArrayList<>(current.groups().size());
        int offset = 0;
        for (Group group : current.groups()) {
            float[] similarities = group.vectors().dot(query);
            if (surface != null) {
                for (int i = 0; i < similarities.length; i++) {
                    similarities[i] = (float) ((1 - surfaceWeight) * similarities[i]
                            + surfaceWeight * surface[offset + i]);
                }
            }
            offset += similarities.length;
            int best = 0;
            for (int i = 1; i < similarities.length; i++) {
                if (similarities[i] > similarities[best]) best = i;
            }
            result.add(new IntentSimilarity(group.intent(), meanOfTop(similarities, k), similarities[best],
                    group.examples().get(best)));
        }
        result.sort(Comparator.comparingDouble(IntentSimilarity::meanTopK).reversed());
        return result;
    }

    /** The mean of the k largest values; a pass with a short sorted list, not a sort of every example's similarity. */
    static double meanOfTop(float[] values, int k) {
        int take = Math.min(k, values.length);
        if (take == 0) return 0;
        float[] top = new float[take];
        Arrays.fill(top, Float.NEGATIVE_INFINITY);
        for (float value : values) {
            if (value <= top[take - 1]) continue;
            int i = take - 1;
            while (i > 0 && top[i - 1] < value) {
                top[i] = top[i - 1];
                i--;
            }
            top[i] = value;
        }
        double sum = 0;
        for (float value : top) sum += value;
        return sum / take;
    }
}
