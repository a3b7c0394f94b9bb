package org.carebot.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline: the intent whose config keywords occur most, ties to the riskier then the earlier intent.
 * Confidence is best / (best + runner-up + 1) hits; below the configured minimum it answers {@code other}.
 */
public final class KeywordIntentClassifier implements IntentClassifier {

    private final Map<String, TextMatch> keywords = new LinkedHashMap<>();
    private final Map<String, Integer> risk = new LinkedHashMap<>();
    private final double minConfidence;

    public KeywordIntentClassifier(TriageRules rules) {
        for (TriageRules.IntentRule intent : rules.intents()) {
            keywords.put(intent.name(), TextMatch.of(intent.keywords()));
            risk.put(intent.name(), intent.risk());
        }
        this.minConfidence = rules.minConfidence();
    }

    /** Distinct keyword hits per intent, only intents with at least one, in config order. */
    Map<String, List<String>> hits(String folded) {
        Map<String, List<String>> hits = new LinkedHashMap<>();
        keywords.forEach((intent, match) -> {
            List<String> found = match.findIn(folded);
            if (!found.isEmpty()) hits.put(intent, found);
        });
        return hits;
    }

    @Override
    public IntentGuess classify(String text, String folded) {
        record Score(String intent, int hits, int risk, int order) {
        }
        List<Score> scores = new ArrayList<>();
        List<String> names = new ArrayList<>(keywords.keySet());
        hits(folded).forEach((intent, found) -> scores.add(new Score(intent, found.size(), risk.get(intent),
                names.indexOf(intent))));
        if (scores.isEmpty()) return IntentGuess.other(0, "no keyword of any intent");
        scores.sort(Comparator.comparingInt(Score::hits).reversed()
                .thenComparing(Comparator.comparingInt(Score::risk).reversed())
                .thenComparingInt(Score::order));
        int best = scores.get(0).hits();
        int runnerUp = scores.size() > 1 ? scores.get(1).hits() : 0;
        double confidence = Math.round((double) best / (best + runnerUp + 1) * 100) / 100.0;
        String evidence = best + " keyword" + (best == 1 ? "" : "s");
        if (confidence < minConfidence) return IntentGuess.other(confidence, evidence);
        return new IntentGuess(scores.get(0).intent(), confidence, evidence);
    }
}
