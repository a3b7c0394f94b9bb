package org.carebot.triage;

/**
 * How a {@link WordPieceRegression} learns: passes over the samples, the first pass's step (later passes take smaller
 * ones), the weight decay of the dense weights, and how much the embedding counts against the word pieces.
 */
public record RegressionTraining(int epochs, double learningRate, double l2, double embeddingScale) {

    /**
     * What the intent and flag models use. Embeddings weigh less than word pieces: with equal weight the intent model
     * leaned on the English-only embedding.
     */
    public static final RegressionTraining DEFAULT = new RegressionTraining(40, 1.0, 1e-4, 0.3);

    public RegressionTraining {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a number above 0, got " + learningRate);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be a number of 0 or more, got " + l2);
        }
        if (!(embeddingScale >= 0) || !Double.isFinite(embeddingScale)) {
            throw new IllegalArgumentException("embedding scale must be a number of 0 or more, got " + embeddingScale);
        }
    }
}
