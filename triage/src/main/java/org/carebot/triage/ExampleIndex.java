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

    /** The examples of one intent: rows {@code start} to {@code start + examples.size()} of the snapshot's table. */
    private record Group(String intent, List<Example> examples, int start) {
    }

    /**
     * The groups, and every example in group order: their vectors in one table, scanned in one pass (a table per
     * intent made ten short loops, twice the time), and their surface forms (the lexical half of a similarity).
     */
    private record Snapshot(List<Group> groups, VectorTable vectors, CharGramTable surface) {
        static Snapshot of(Map<String, List<Example>> byIntent) {
            List<Group> groups = new ArrayList<>();
            List<Example> all = new ArrayList<>();
            byIntent.forEach((intent, examples) -> {
                groups.add(new Group(intent, List.copyOf(examples), all.size()));
                all.addAll(examples);
            });
            return new Snapshot(List.copyOf(groups), new VectorTable(all.stream().map(Example::vector).toList()),
                    new CharGramTable(all.stream().map(Example::text).toList()));
        }
    }

    private volatile Snapshot snapshot = Snapshot.of(Map.of());

    public synchronized void add(Example example) {
        addAll(List.of(example));
    }

    public synchronized void addAll(List<Example> added) {
        Map<String, List<Example>> byIntent = new LinkedHashMap<>();
        for (Group group : snapshot.groups()) byIntent.put(group.intent(), new ArrayList<>(group.examples()));
        for (Example example : added) byIntent.computeIfAbsent(example.intent(), i -> new ArrayList<>()).add(example);
        snapshot = Snapshot.of(byIntent);
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
        float[] similarities = current.vectors().dot(query);
        if (surfaceWeight > 0) {
            float[] surface = current.surface().similarities(text);
            for (int i = 0; i < similarities.length; i++) {
                similarities[i] = (float) ((1 - surfaceWeight) * similarities[i] + surfaceWeight * surface[i]);
            }
        }
        List<IntentSimilarity> result = new ArrayList<>(current.groups().size());
        for (Group group : current.groups()) {
            int start = group.start();
            int end = start + group.examples().size();
            int best = start;
            for (int i = start + 1; i < end; i++) {
                if (similarities[i] > similarities[best]) best = i;
            }
            result.add(new IntentSimilarity(group.intent(), meanOfTop(similarities, start, end, k), similarities[best],
                    group.examples().get(best - start)));
        }
        result.sort(Comparator.comparingDouble(IntentSimilarity::meanTopK).reversed());
        return result;
    }

    /**
     * The mean of the k largest of {@code values[from .. to)}; a pass with a short sorted list, not a sort of every
     * example's similarity.
     */
    static double meanOfTop(float[] values, int from, int to, int k) {
        int take = Math.min(k, to - from);
        if (take <= 0) return 0;
        float[] top = new float[take];
        Arrays.fill(top, Float.NEGATIVE_INFINITY);
        for (int at = from; at < to; at++) {
            float value = values[at];
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
