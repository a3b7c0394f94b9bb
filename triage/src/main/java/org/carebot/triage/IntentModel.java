package org.carebot.triage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Softmax regression over what a post says (its embedding), how it says it (hashed word pieces, TF-IDF) and the
 * config keywords it hits, trained on the example index: config examples and retags. Where nearest examples judge
 * a post by a few neighbours, the model weighs every example at once, so their blend beats either alone
 * (docs/QUALITY.md). The first model trains before the first answer; when the index grows, the next one trains in the
 * background while the current one keeps answering, so a retag never stalls triage.
 */
public final class IntentModel implements AutoCloseable {

    /** Word pieces are hashed into this many weights per intent. */
    private static final int HASHED = 1 << 16;
    private static final int EPOCHS = 40;
    private static final double LEARNING_RATE = 1.0;
    private static final double L2 = 1e-4;
    /** Embeddings weigh less than word pieces: with equal weight the model leaned on the English-only embedding. */
    private static final double EMBEDDING_SCALE = 0.3;

    private final ExampleIndex index;
    private final KeywordIntentClassifier keywords;
    private final List<String> intents;
    private volatile Model model;
    private final AtomicBoolean retraining = new AtomicBoolean();
    private final ExecutorService trainer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "carebot-intent-training");
        thread.setDaemon(true);
        return thread;
    });

    /** Weights per intent: dense (embedding, keywords, bias) and hashed word pieces, with the pieces' IDF. */
    private record Model(int trainedOn, double[][] dense, float[][] pieces, float[] idf) {
    }

    /** A post's features: the dense part, and its word pieces as hashed indexes with unit-length TF-IDF weights. */
    private record Features(double[] dense, int[] pieces, float[] weights) {
    }

    public IntentModel(ExampleIndex index, TriageRules rules) {
        this.index = index;
        this.keywords = new KeywordIntentClassifier(rules);
        this.intents = rules.intents().stream().map(TriageRules.IntentRule::name).toList();
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
        if (current.trainedOn() == 0) return new double[intents.size()];
        return softmax(scores(current, features(current, embedding, text, keywordHits)));
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

    /** Stochastic gradient descent on the cross-entropy, examples shuffled the same way each time (reproducible). */
    private Model train() {
        // What the index held when training began, including labels outside the taxonomy ("other") that the model
        // does not learn: counting only what it learned, it would never be up to date and retrain forever.
        int trainedOn = index.size();
        List<ExampleIndex.Example> examples = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < intents.size(); c++) {
            for (ExampleIndex.Example example : index.examples(intents.get(c))) {
                examples.add(example);
                labels.add(c);
            }
        }
        float[] idf = idf(examples);
        int denseSize = denseSize(examples);
        Model fresh = new Model(examples.isEmpty() ? 0 : trainedOn, new double[intents.size()][denseSize],
                new float[intents.size()][HASHED], idf);
        if (examples.isEmpty()) return fresh;
        List<Features> features = new ArrayList<>();
        for (ExampleIndex.Example example : examples) {
            String text = example.text() == null ? "" : example.text();
            features.add(features(fresh, example.vector(), text, keywords.hits(TextMatch.fold(text))));
        }
        List<Integer> order = new ArrayList<>();
        for (int n = 0; n < examples.size(); n++) order.add(n);
        Random random = new Random(7);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            double step = LEARNING_RATE / (1 + epoch * 0.1);
            for (int n : order) {
                Features x = features.get(n);
                double[] p = softmax(scores(fresh, x));
                for (int c = 0; c < p.length; c++) {
                    double error = p[c] - (labels.get(n) == c ? 1 : 0);
                    double[] dense = fresh.dense()[c];
                    for (int d = 0; d < dense.length; d++) dense[d] -= step * (error * x.dense()[d] + L2 * dense[d]);
                    // No decay on the word-piece weights: it would touch all 65,536 per intent at every step.
                    float[] pieces = fresh.pieces()[c];
                    for (int k = 0; k < x.pieces().length; k++) pieces[x.pieces()[k]] -= (float) (step * error * x.weights()[k]);
                }
            }
        }
        return fresh;
    }

    private int denseSize(List<ExampleIndex.Example> examples) {
        int dimensions = examples.isEmpty() ? 0 : examples.get(0).vector().length;
        return dimensions + intents.size() + 1;
    }

    private static float[] idf(List<ExampleIndex.Example> examples) {
        int[] documentFrequency = new int[HASHED];
        for (ExampleIndex.Example example : examples) {
            for (long piece : pieces(example.text()).grams()) documentFrequency[(int) piece]++;
        }
        float[] idf = new float[HASHED];
        for (int i = 0; i < HASHED; i++) idf[i] = CharGramTable.idf(examples.size(), documentFrequency[i]);
        return idf;
    }

    /** A text's word pieces hashed into {@link #HASHED} buckets, with how often each bucket occurs. */
    private static CharGramTable.GramCounts pieces(String text) {
        long[] grams = CharGramTable.grams(text);
        for (int i = 0; i < grams.length; i++) grams[i] = (grams[i] ^ (grams[i] >>> 32)) & (HASHED - 1);
        return CharGramTable.GramCounts.of(grams);
    }

    /** @param keywordHits the config keywords found in the text, per intent ({@link KeywordIntentClassifier#hits}) */
    private Features features(Model model, float[] embedding, String text, Map<String, List<String>> keywordHits) {
        int dimensions = model.dense().length == 0 ? 0 : model.dense()[0].length - intents.size() - 1;
        double[] dense = new double[dimensions + intents.size() + 1];
        for (int i = 0; i < Math.min(dimensions, embedding.length); i++) dense[i] = EMBEDDING_SCALE * embedding[i];
        for (int c = 0; c < intents.size(); c++) {
            dense[dimensions + c] = Math.min(2, keywordHits.getOrDefault(intents.get(c), List.of()).size()) / 2.0;
        }
        dense[dense.length - 1] = 1;  // bias

        CharGramTable.GramCounts counts = pieces(text);
        int[] pieces = new int[counts.grams().length];
        float[] idfs = new float[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = (int) counts.grams()[i];
            idfs[i] = model.idf()[pieces[i]];
        }
        float[] weights = CharGramTable.unitWeights(counts.counts(), idfs);
        return new Features(dense, pieces, weights);
    }

    /** Stops the background training thread. */
    @Override
    public void close() {
        trainer.shutdownNow();
    }

    private static double[] scores(Model model, Features x) {
        double[] scores = new double[model.dense().length];
        for (int c = 0; c < scores.length; c++) {
            double score = 0;
            double[] dense = model.dense()[c];
            for (int d = 0; d < dense.length; d++) score += dense[d] * x.dense()[d];
            float[] pieces = model.pieces()[c];
            for (int k = 0; k < x.pieces().length; k++) score += pieces[x.pieces()[k]] * x.weights()[k];
            scores[c] = score;
        }
        return scores;
    }

    static double[] softmax(double[] scores) {
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
