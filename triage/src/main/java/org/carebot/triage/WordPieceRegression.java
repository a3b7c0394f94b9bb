package org.carebot.triage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Softmax regression over what a text says (its embedding), how it says it (hashed word pieces, TF-IDF) and a few
 * features of the caller's (keyword hits), trained by stochastic gradient descent on labeled samples. The intent model
 * and the sensitive-flag models are both this; an instance is immutable once trained.
 */
final class WordPieceRegression {

    /** Word pieces are hashed into this many weights per class. */
    private static final int HASHED = 1 << 16;

    /**
     * One labeled text: its embedding, its word pieces ({@link #pieces}: a caller training several models on the same
     * texts extracts them once), the caller's extra features (the same number for every sample) and its class.
     */
    record Sample(float[] embedding, Pieces pieces, double[] extra, int label) {
    }

    /**
     * A text's word pieces, hashed, with how often each occurs: the same for every model, so a caller asking several
     * models about one text extracts them once.
     */
    static final class Pieces {
        private final CharGramTable.GramCounts counts;

        private Pieces(CharGramTable.GramCounts counts) {
            this.counts = counts;
        }
    }

    /** A text's features: the dense part, and its word pieces as hashed indexes with unit-length TF-IDF weights. */
    private record Features(double[] dense, int[] pieces, float[] weights) {
    }

    private final RegressionTraining training;
    private final int classes;
    private final int dimensions;
    private final int extras;
    /** Per class: the weights of the embedding, the extra features and the bias, in that order. */
    private final double[][] dense;
    /**
     * The word-piece weights, piece by piece: piece {@code p}'s weight for class {@code c} is at {@code p * classes + c}.
     * A post's pieces fall all over the table, and this layout fetches all classes of one in one or two cache lines; a
     * table per class made each class a cache miss of its own.
     */
    private final float[] pieces;
    private final float[] idf;

    private WordPieceRegression(RegressionTraining training, int classes, int dimensions, int extras, float[] idf) {
        this.training = training;
        this.classes = classes;
        this.dimensions = dimensions;
        this.extras = extras;
        this.dense = new double[classes][dimensions + extras + 1];
        this.pieces = new float[HASHED * classes];
        this.idf = idf;
    }

    /**
     * Trains on the samples, shuffled the same way each time (reproducible). Without samples every class is equally
     * likely.
     */
    static WordPieceRegression train(List<Sample> samples, int classes, RegressionTraining training) {
        int dimensions = samples.isEmpty() ? 0 : samples.get(0).embedding().length;
        int extras = samples.isEmpty() ? 0 : samples.get(0).extra().length;
        WordPieceRegression model = new WordPieceRegression(training, classes, dimensions, extras, idf(samples));
        List<Features> features = new ArrayList<>();
        for (Sample sample : samples) features.add(model.features(sample.embedding(), sample.pieces(), sample.extra()));
        List<Integer> order = new ArrayList<>();
        for (int n = 0; n < samples.size(); n++) order.add(n);
        Random random = new Random(7);
        for (int epoch = 0; epoch < training.epochs() && !samples.isEmpty(); epoch++) {
            Collections.shuffle(order, random);
            double step = training.learningRate() / (1 + epoch * 0.1);
            for (int n : order) model.descend(features.get(n), samples.get(n).label(), step);
        }
        return model;
    }

    /** How likely each class is for this text. */
    double[] probabilities(float[] embedding, String text, double[] extra) {
        return probabilities(embedding, pieces(text), extra);
    }

    /** How likely each class is for a text whose word pieces are already extracted. */
    double[] probabilities(float[] embedding, Pieces pieces, double[] extra) {
        return softmax(scores(features(embedding, pieces, extra)));
    }

    private void descend(Features x, int label, double step) {
        double[] p = softmax(scores(x));
        double[] errors = new double[classes];
        for (int c = 0; c < classes; c++) {
            errors[c] = p[c] - (label == c ? 1 : 0);
            double[] weights = dense[c];
            for (int d = 0; d < weights.length; d++) {
                weights[d] -= step * (errors[c] * x.dense()[d] + training.l2() * weights[d]);
            }
        }
        // No decay on the word-piece weights: it would touch all 65,536 per class at every step.
        for (int k = 0; k < x.pieces().length; k++) {
            int at = x.pieces()[k] * classes;
            for (int c = 0; c < classes; c++) pieces[at + c] -= (float) (step * errors[c] * x.weights()[k]);
        }
    }

    private double[] scores(Features x) {
        double[] scores = new double[classes];
        for (int c = 0; c < classes; c++) {
            double score = 0;
            double[] weights = dense[c];
            for (int d = 0; d < weights.length; d++) score += weights[d] * x.dense()[d];
            scores[c] = score;
        }
        for (int k = 0; k < x.pieces().length; k++) {
            int at = x.pieces()[k] * classes;
            float weight = x.weights()[k];
            for (int c = 0; c < classes; c++) scores[c] += pieces[at + c] * weight;
        }
        return scores;
    }

    private Features features(float[] embedding, Pieces pieces, double[] extra) {
        double[] dense = new double[dimensions + extras + 1];
        for (int i = 0; i < Math.min(dimensions, embedding.length); i++) dense[i] = training.embeddingScale() * embedding[i];
        System.arraycopy(extra, 0, dense, dimensions, Math.min(extras, extra.length));
        dense[dense.length - 1] = 1;  // bias

        CharGramTable.GramCounts counts = pieces.counts;
        int[] hashed = new int[counts.grams().length];
        float[] idfs = new float[hashed.length];
        for (int i = 0; i < hashed.length; i++) {
            hashed[i] = (int) counts.grams()[i];
            idfs[i] = idf[hashed[i]];
        }
        return new Features(dense, hashed, CharGramTable.unitWeights(counts.counts(), idfs));
    }

    private static float[] idf(List<Sample> samples) {
        int[] documentFrequency = new int[HASHED];
        for (Sample sample : samples) {
            for (long piece : sample.pieces().counts.grams()) documentFrequency[(int) piece]++;
        }
        float[] idf = new float[HASHED];
        for (int i = 0; i < HASHED; i++) idf[i] = CharGramTable.idf(samples.size(), documentFrequency[i]);
        return idf;
    }

    /** A text's word pieces hashed into {@link #HASHED} buckets, with how often each bucket occurs. */
    static Pieces pieces(String text) {
        long[] grams = CharGramTable.grams(text == null ? "" : text);
        for (int i = 0; i < grams.length; i++) grams[i] = (grams[i] ^ (grams[i] >>> 32)) & (HASHED - 1);
        return new Pieces(CharGramTable.GramCounts.of(grams));
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
