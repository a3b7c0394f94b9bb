package org.carebot.triage;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides which intent of the taxonomy a post expresses. Implementations are thread-safe. */
public interface IntentClassifier {

    /**
     * @param text   the post as written
     * @param folded the same text lowercased and without accents (see {@link TextMatch#fold})
     */
    IntentGuess classify(String text, String folded);

    /**
     * An intent with how sure the classifier is (0..1), and what it went by, for people to read; with every intent's
     * probability, where the classifier has them (empty for keywords), and the similarity of the likeliest intent's
     * nearest example ({@code NaN} for a classifier that compares no examples).
     */
    record IntentGuess(String intent, double confidence, String evidence, List<Alternative> alternatives,
                       double nearest) {
        public IntentGuess {
            if (confidence < 0 || confidence > 1) throw new IllegalArgumentException("confidence must be within 0..1");
            alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        }

        public IntentGuess(String intent, double confidence, String evidence) {
            this(intent, confidence, evidence, List.of(), Double.NaN);
        }

        public static IntentGuess other(double confidence, String evidence) {
            return new IntentGuess(Triage.OTHER, confidence, evidence);
        }

        /** The most likely intent among these, if the classifier gave it at least {@code minProbability}. */
        public Optional<Alternative> likeliestOf(Set<String> intents, double minProbability) {
            return alternatives.stream().filter(a -> intents.contains(a.intent()) && a.probability() >= minProbability)
                    .max(Comparator.comparingDouble(Alternative::probability));
        }

        /**
         * What an intent that cannot stand gives way to: the most likely of these, if at least {@code minProbability};
         * otherwise {@link Triage#OTHER}, for a person to tag, as unsure as the classifier was of the likeliest of them
         * (0 for a classifier without probabilities), not as sure as it was of the intent that could not stand.
         */
        public Alternative likeliestOrOther(Set<String> intents, double minProbability) {
            return likeliestOf(intents, minProbability).orElseGet(() -> new Alternative(Triage.OTHER,
                    likeliestOf(intents, 0).map(Alternative::probability).orElse(0.0)));
        }
    }

    /** Another intent the post might express, and how likely the classifier finds it. */
    record Alternative(String intent, double probability) {
    }
}
