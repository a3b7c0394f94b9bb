package org.carebot.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Nearest-example classification over sentence embeddings. Each intent scores the average of its closest example's
 * similarity and the mean of its k closest (examples from config and from retags): the mean keeps one odd example from
 * deciding, the closest lets a single near-identical label a person just gave count at once. Config keywords add
 * evidence, and a softmax over the scores gives the confidence. Too far from every example, or too unsure, it answers
 * {@code other} for a person to tag.
 */
public final class ExampleIntentClassifier implements IntentClassifier {

    /**
     * @param neighbours    k: how many closest examples of an intent count
     * @param minSimilarity below this best similarity, with no keyword either, nothing is close enough
     * @param keywordWeight score added per keyword hit of an intent (at most two count)
     * @param temperature   softmax temperature over the scores; smaller is more decisive
     * @param surfaceWeight share of a similarity that comes from shared word pieces rather than meaning (0 to 1)
     */
    public record Settings(int neighbours, double minSimilarity, double keywordWeight, double temperature,
                           double surfaceWeight) {
        public Settings {
            if (surfaceWeight < 0 || surfaceWeight > 1) {
                throw new IllegalArgumentException("surfaceWeight must be between 0 and 1, got " + surfaceWeight);
            }
        }

        public static Settings defaults() {
            return new Settings(3, 0.30, 0.05, 0.05, 0);
        }
    }

    private final TextEmbedder embedder;
    private final ExampleIndex index;
    private final KeywordIntentClassifier keywords;
    private final Settings settings;
    private final double minConfidence;

    public ExampleIntentClassifier(TextEmbedder embedder, ExampleIndex index, TriageRules rules, Settings settings) {
        this.embedder = embedder;
        this.index = index;
        this.keywords = new KeywordIntentClassifier(rules);
        this.settings = settings;
        this.minConfidence = rules.minConfidence();
    }

    @Override
    public IntentGuess classify(String text, String folded) {
        List<ExampleIndex.IntentSimilarity> similarities = index.similarities(embedder.embed(text), text,
                settings.neighbours(), settings.surfaceWeight());
        Map<String, List<String>> hits = keywords.hits(folded);
        if (similarities.isEmpty()) return keywords.classify(text, folded);

        record Score(String intent, double value, double best) {
        }
        List<Score> scores = new ArrayList<>();
        for (ExampleIndex.IntentSimilarity similarity : similarities) {
            int keywordHits = Math.min(2, hits.getOrDefault(similarity.intent(), List.of()).size());
            double closeness = (similarity.best() + similarity.meanTopK()) / 2;
            scores.add(new Score(similarity.intent(), closeness + keywordHits * settings.keywordWeight(), similarity.best()));
        }
        scores.sort(Comparator.comparingDouble(Score::value).reversed());
        Score top = scores.get(0);
        double normalizer = 0;
        for (Score score : scores) normalizer += Math.exp((score.value() - top.value()) / settings.temperature());
        double confidence = Math.round(1.0 / normalizer * 100) / 100.0;
        String evidence = String.format(Locale.ROOT, "nearest examples %.2f", top.best())
                + (hits.containsKey(top.intent()) ? ", keywords " + String.join(", ", hits.get(top.intent())) : "");
        boolean tooFar = top.best() < settings.minSimilarity() && !hits.containsKey(top.intent());
        if (tooFar || confidence < minConfidence) return IntentGuess.other(confidence, evidence);
        return new IntentGuess(top.intent(), confidence, evidence);
    }
}
