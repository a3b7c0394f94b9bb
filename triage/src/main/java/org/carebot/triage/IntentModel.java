package org.carebot.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Softmax regression ({@link WordPieceRegression}) over what a post says (its embedding), how it says it (hashed word
 * pieces) and the config keywords it hits, trained on the example index: config examples and retags. Where nearest
 * examples judge a post by a few neighbours, the model weighs every example at once, so their blend beats either alone
 * (docs/QUALITY.md). The first model trains before the first answer; when the index grows, the next one trains in the
 * background while the current one keeps answering, so a retag never stalls triage.
 */
public final class IntentModel implements AutoCloseable {

    private final ExampleIndex index;
    private final KeywordIntentClassifier keywords;
    private final List<String> intents;
    private final RegressionTraining training;
    private volatile Model model;
    private final BackgroundTraining retraining;

    /**
     * A trained regression, how many examples the index held when its training began, and whether any of them was of
     * an intent it learns (an index of "other" labels alone teaches it nothing).
     */
    private record Model(int trainedOn, WordPieceRegression regression, boolean learned) {
    }

    public IntentModel(ExampleIndex index, TriageRules rules) {
        this(index, rules, RegressionTraining.DEFAULT);
    }

    public IntentModel(ExampleIndex index, TriageRules rules, RegressionTraining training) {
        this.index = index;
        this.training = training;
        this.keywords = new KeywordIntentClassifier(rules);
        this.intents = rules.intents().stream().map(TriageRules.IntentRule::name).toList();
        this.retraining = new BackgroundTraining("intent", () -> model = train(),
                () -> model.trainedOn() != index.size());
    }

    /** The intents, in the order of {@link #probabilities}. */
    public List<String> intents() {
        return intents;
    }

    /**
     * How likely each intent is, in the order of {@link #intents()}. All zero before any example exists (the config's
     * examples are indexed before the first post, so in practice only in tests).
     */
    public double[] probabilities(float[] embedding, String text, Map<String, List<String>> keywordHits) {
        Model current = current();
        if (!current.learned()) return new double[intents.size()];
        return current.regression().probabilities(embedding, text, keywordFeatures(keywordHits));
    }

    /** Trains the first model now; later ones train in the background. */
    public void warmUp() {
        current();
    }

    /** True while no newer model is being trained and the current one has seen every example. */
    public boolean upToDate() {
        return model != null && retraining.idle();
    }

    private Model current() {
        Model trained = model;
        if (trained == null) {
            synchronized (this) {
                if (model == null) model = train();
                return model;
            }
        }
        if (trained.trainedOn() != index.size()) retraining.request();
        return trained;
    }

    private Model train() {
        // What the index held when training began, including labels outside the taxonomy ("other") that the model
        // does not learn: counting only what it learned, it would never be up to date and retrain forever.
        int trainedOn = index.size();
        List<WordPieceRegression.Sample> samples = new ArrayList<>();
        for (int c = 0; c < intents.size(); c++) {
            for (ExampleIndex.Example example : index.examples(intents.get(c))) {
                String text = example.text() == null ? "" : example.text();
                samples.add(new WordPieceRegression.Sample(example.vector(), WordPieceRegression.pieces(text),
                        keywordFeatures(keywords.hits(TextMatch.fold(text))), c));
            }
        }
        return new Model(trainedOn, WordPieceRegression.train(samples, intents.size(), training), !samples.isEmpty());
    }

    /** Per intent, its config keywords found in the text: none 0, one 0.5, two or more 1. */
    private double[] keywordFeatures(Map<String, List<String>> keywordHits) {
        double[] features = new double[intents.size()];
        for (int c = 0; c < intents.size(); c++) {
            features[c] = Math.min(2, keywordHits.getOrDefault(intents.get(c), List.of()).size()) / 2.0;
        }
        return features;
    }

    /** Stops the background training thread. */
    @Override
    public void close() {
        retraining.close();
    }
}
