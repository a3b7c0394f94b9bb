package org.carebot.triage;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Nearest-example classification over sentence embeddings and word pieces, blended with an {@link IntentModel}
 * trained on the same examples. Each intent scores the average of its closest example's similarity and the mean of its
 * k closest (examples from config and from retags): the mean keeps one odd example from deciding, the closest lets a
 * single near-identical label a person just gave count at once. Config keywords add evidence, and a softmax over the
 * scores gives a probability per intent, which is mixed with the model's by {@code modelWeight}. Too far from every
 * example, or too unsure, it answers {@code other} for a person to tag.
 */
public final class ExampleIntentClassifier implements IntentClassifier {

    /**
     * @param neighbours    k: how many closest examples of an intent count
     * @param minSimilarity below this best similarity, with no keyword either, nothing is close enough
     * @param keywordWeight score added per keyword hit of an intent (at most two count)
     * @param temperature   softmax temperature over the scores; smaller is more decisive
     * @param surfaceWeight share of a similarity that comes from shared word pieces rather than meaning (0 to 1)
     * @param modelWeight   share of the trained model in the final probabilities (0: nearest examples alone)
     */
    public record Settings(int neighbours, double minSimilarity, double keywordWeight, double temperature,
                           double surfaceWeight, double modelWeight) {
        public Settings {
            if (surfaceWeight < 0 || surfaceWeight > 1) {
                throw new IllegalArgumentException("surfaceWeight must be between 0 and 1, got " + surfaceWeight);
            }
            if (modelWeight < 0 || modelWeight > 1) {
                throw new IllegalArgumentException("modelWeight must be between 0 and 1, got " + modelWeight);
            }
        }

        public static Settings defaults() {
            return new Settings(3, 0.30, 0.05, 0.05, 0, 0);
        }
    }

    private final TextEmbedder embedder;
    private final ExampleIndex index;
    private final KeywordIntentClassifier keywords;
    private final Settings settings;
    private final double minConfidence;
    private final IntentModel model;

    /** Nearest examples alone: {@code settings.modelWeight()} must be 0. */
    public ExampleIntentClassifier(TextEmbedder embedder, ExampleIndex index, TriageRules rules, Settings settings) {
        this(embedder, index, rules, settings, null);
    }

    public ExampleIntentClassifier(TextEmbedder embedder, ExampleIndex index, TriageRules rules, Settings settings,
                                   IntentModel model) {
        if (settings.modelWeight() > 0 && model == null) {
            throw new IllegalArgumentException("a model weight of " + settings.modelWeight() + " needs a model");
        }
        this.embedder = embedder;
        this.index = index;
        this.keywords = new KeywordIntentClassifier(rules);
        this.settings = settings;
        this.minConfidence = rules.minConfidence();
        this.model = settings.modelWeight() > 0 ? model : null;
    }

    @Override
    public IntentGuess classify(String text, String folded) {
        float[] vector = embedder.embed(text);
        List<ExampleIndex.IntentSimilarity> similarities = index.similarities(vector, text, settings.neighbours(),
                settings.surfaceWeight());
        Map<String, List<String>> hits = keywords.hits(folded);
        if (similarities.isEmpty()) return keywords.classify(text, folded);

        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> best = new HashMap<>();
        double topScore = Double.NEGATIVE_INFINITY;
        for (ExampleIndex.IntentSimilarity similarity : similarities) {
            int keywordHits = Math.min(2, hits.getOrDefault(similarity.intent(), List.of()).size());
            double closeness = (similarity.best() + similarity.meanTopK()) / 2;
            double score = closeness + keywordHits * settings.keywordWeight();
            scores.put(similarity.intent(), score);
            best.put(similarity.intent(), similarity.best());
            topScore = Math.max(topScore, score);
        }
        double nearestShare = model == null ? 1 : 1 - settings.modelWeight();
        double normalizer = 0;
        for (double score : scores.values()) normalizer += Math.exp((score - topScore) / settings.temperature());
        Map<String, Double> probability = new LinkedHashMap<>();
        for (Map.Entry<String, Double> score : scores.entrySet()) {
            probability.put(score.getKey(),
                    nearestShare * Math.exp((score.getValue() - topScore) / settings.temperature()) / normalizer);
        }
        double[] modelProbabilities = model == null ? null : model.probabilities(vector, text, hits);
        if (modelProbabilities != null) {
            for (int c = 0; c < modelProbabilities.length; c++) {
                probability.merge(model.intents().get(c), settings.modelWeight() * modelProbabilities[c], Double::sum);
            }
        }
        String top = probability.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        double confidence = Math.min(1.0, Math.round(probability.get(top) * 100) / 100.0);
        double nearest = best.getOrDefault(top, 0.0);
        // A retag may label a post with an intent the model does not learn ("other", or one since removed from config).
        int modelIndex = modelProbabilities == null ? -1 : model.intents().indexOf(top);
        String evidence = String.format(Locale.ROOT, "nearest examples %.2f", nearest)
                + (modelIndex < 0 ? "" : String.format(Locale.ROOT, ", model %.2f", modelProbabilities[modelIndex]))
                + (hits.containsKey(top) ? ", keywords " + String.join(", ", hits.get(top)) : "");
        List<IntentClassifier.Alternative> alternatives = probability.entrySet().stream()
                .map(p -> new IntentClassifier.Alternative(p.getKey(), p.getValue())).toList();
        boolean tooFar = nearest < settings.minSimilarity() && !hits.containsKey(top);
        if (tooFar || confidence < minConfidence) {
            return new IntentGuess(Triage.OTHER, confidence, evidence, alternatives, nearest);
        }
        return new IntentGuess(top, confidence, evidence, alternatives, nearest);
    }
}
