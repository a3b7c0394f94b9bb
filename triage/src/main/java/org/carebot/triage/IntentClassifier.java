package org.carebot.triage;

/** Decides which intent of the taxonomy a post expresses. Implementations are thread-safe. */
public interface IntentClassifier {

    /**
     * @param text   the post as written
     * @param folded the same text lowercased and without accents (see {@link TextMatch#fold})
     */
    IntentGuess classify(String text, String folded);

    /** An intent with how sure the classifier is (0..1), and what it went by, for people to read. */
    record IntentGuess(String intent, double confidence, String evidence) {
        public IntentGuess {
            if (confidence < 0 || confidence > 1) throw new IllegalArgumentException("confidence must be within 0..1");
        }

        public static IntentGuess other(double confidence, String evidence) {
            return new IntentGuess(Triage.OTHER, confidence, evidence);
        }
    }
}
