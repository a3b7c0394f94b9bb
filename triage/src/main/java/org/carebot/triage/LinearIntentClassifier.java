package org.carebot.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Softmax regression over the sentence embedding plus one keyword feature per intent, trained on the example index
 * (config examples and retags). The first model is trained before the first answer; when the index grows, a new one is
 * trained in the background while the current one keeps answering, so a retag never stalls triage. A near-identical
 * example a person labeled decides directly, so a retag helps the very next similar post before retraining ends.
 * Below the configured confidence it answers {@code other}.
 */
public final class LinearIntentClassifier implements IntentClassifier {

    private static final int EPOCHS = 800;
    private static final double LEARNING_RATE = 4.0;
    private static final double L2 = 1e-4;
    /** At least this similar to one labeled example, that example's label wins. */
    private static final double NEAR_IDENTICAL = 0.92;

    private final TextEmbedder embedder;
    private final ExampleIndex index;
    private final KeywordIntentClassifier keywords;
    private final List<String> intents;
    private final double minConfidence;
    private volatile Model model;
    private final AtomicBoolean retraining = new AtomicBoolean();
    private final Executor trainer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "carebot-intent-training");
        thread.setDaemon(true);
        return thread;
    });

    private record Model(int trainedOn, double[][] weights) {
    }

    public LinearIntentClassifier(TextEmbedder embedder, ExampleIndex index, TriageRules rules) {
        this.embedder = embedder;
        this.index = index;
        this.keywords = new KeywordIntentClassifier(rules);
        this.intents = rules.intents().stream().map(TriageRules.IntentRule::name).toList();
        this.minConfidence = rules.minConfidence();
    }

    @Override
    public IntentGuess classify(String text, String folded) {
        float[] vector = embedder.embed(text);
        List<ExampleIndex.IntentSimilarity> similarities = index.similarities(vector, 1);
        if (similarities.isEmpty()) return keywords.classify(text, folded);
        ExampleIndex.IntentSimilarity nearest = similarities.stream()
                .max(java.util.Comparator.comparingDouble(ExampleIndex.IntentSimilarity::best)).orElseThrow();
        if (nearest.best() >= NEAR_IDENTICAL) {
            return new IntentGuess(nearest.intent(), Math.min(1.0, Math.round(nearest.best() * 100) / 100.0),
                    String.format(Locale.ROOT, "labeled example %.2f", nearest.best()));
        }
        double[] probabilities = softmax(scores(current(), features(vector, keywords.hits(folded))));
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[best]) best = c;
        double confidence = Math.round(probabilities[best] * 100) / 100.0;
        String evidence = String.format(Locale.ROOT, "linear model %.2f", probabilities[best]);
        if (confidence < minConfidence) return IntentGuess.other(confidence, evidence);
        return new IntentGuess(intents.get(best), confidence, evidence);
    }

    /** Trains the first model now; later ones train in the background. */
    public void warmUp() {
        current();
    }

    /** True while no newer model is being trained and the current one has seen every example. */
    public boolean upToDate() {
        Model trained = model;
        return !retraining.get() && trained != null && trained.trainedOn() == index.size();
    }

    private Model current() {
        Model trained = model;
        if (trained == null) {
            synchronized (this) {
                if (model == null) model = train();
                return model;
            }
        }
        if (trained.trainedOn() != index.size()) retrainInBackground();
        return trained;
    }

    /** One retraining at a time; examples added meanwhile start the next round at the next classification. */
    private void retrainInBackground() {
        if (!retraining.compareAndSet(false, true)) return;
        trainer.execute(() -> {
            try {
                model = train();
            } finally {
                retraining.set(false);
            }
        });
    }

    private double[] features(float[] vector, Map<String, List<String>> hits) {
        double[] x = new double[vector.length + intents.size() + 1];
        for (int i = 0; i < vector.length; i++) x[i] = vector[i];
        for (int c = 0; c < intents.size(); c++) x[vector.length + c] = Math.min(2, hits.getOrDefault(intents.get(c), List.of()).size()) / 2.0;
        x[x.length - 1] = 1;  // bias
        return x;
    }

    /** Full-batch gradient descent on the cross-entropy with a little L2; a few hundred ms for a few hundred examples. */
    private Model train() {
        int trainedOn = index.size();
        List<double[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (String intent : intents) {
            for (ExampleIndex.Example example : index.examples(intent)) {
                xs.add(features(example.vector(), keywords.hits(TextMatch.fold(example.text()))));
                ys.add(intents.indexOf(intent));
            }
        }
        int dims = xs.isEmpty() ? 0 : xs.get(0).length;
        double[][] w = new double[intents.size()][dims];
        for (int epoch = 0; epoch < EPOCHS && !xs.isEmpty(); epoch++) {
            double[][] gradient = new double[intents.size()][dims];
            for (int n = 0; n < xs.size(); n++) {
                double[] p = softmax(scores(new Model(0, w), xs.get(n)));
                for (int c = 0; c < p.length; c++) {
                    double error = p[c] - (ys.get(n) == c ? 1 : 0);
                    double[] x = xs.get(n);
                    for (int d = 0; d < dims; d++) gradient[c][d] += error * x[d];
                }
            }
            for (int c = 0; c < w.length; c++) {
                for (int d = 0; d < dims; d++) w[c][d] -= LEARNING_RATE * (gradient[c][d] / xs.size() + L2 * w[c][d]);
            }
        }
        return new Model(trainedOn, w);
    }

    private static double[] scores(Model model, double[] x) {
        double[] scores = new double[model.weights().length];
        for (int c = 0; c < scores.length; c++) {
            double s = 0;
            double[] w = model.weights()[c];
            for (int d = 0; d < w.length; d++) s += w[d] * x[d];
            scores[c] = s;
        }
        return scores;
    }

    private static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) max = Math.max(max, s);
        double sum = 0;
        double[] p = new double[scores.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(scores[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) p[c] /= sum;
        return p;
    }
}
