package org.carebot.triage;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a post's sensitive flags say about its intent, by rules in config: a flag can rule an intent out ("I lost my
 * father's photos, I want to end it" is no praise, whatever its words share with thanks), and a flag can name the
 * intent of a post the classifier was unsure of (a post spreading misinformation about the brand is a PR risk).
 */
final class FlagIntents {

    private final List<TriageRules.IntentRule> intents;
    private final String spamIntent;
    private final double minConfidence;

    FlagIntents(TriageRules rules) {
        this.intents = rules.intents();
        this.spamIntent = rules.spamIntent();
        this.minConfidence = rules.minConfidence();
    }

    /**
     * The intent a post ends with: the classifier's choice, unless its flags rule it out or name another for a post
     * left at {@link Triage#OTHER}.
     */
    IntentClassifier.Alternative decide(IntentClassifier.Alternative chosen, Set<SensitiveFlag> flags,
                                        IntentClassifier.IntentGuess guess) {
        if (flags.isEmpty()) return chosen;
        IntentClassifier.Alternative allowed = ruledOut(chosen.intent(), flags) ? nextAllowed(flags, guess) : chosen;
        // A post the classifier took for spam that the spam rules did not confirm is as unsure as any: on the tuning
        // half of the dev set such posts were angry customers ("will steal money from your card AFTER you cancel").
        return allowed.intent().equals(Triage.OTHER) ? namedByFlags(allowed, flags, guess) : allowed;
    }

    /**
     * The likeliest intent the flags allow, if the classifier found it at least as likely as it must be to decide at
     * all; otherwise {@link Triage#OTHER}.
     */
    private IntentClassifier.Alternative nextAllowed(Set<SensitiveFlag> flags, IntentClassifier.IntentGuess guess) {
        Set<String> allowed = intents.stream().map(TriageRules.IntentRule::name)
                .filter(name -> !name.equals(spamIntent) && !ruledOut(name, flags)).collect(Collectors.toSet());
        return guess.likeliestOrOther(allowed, minConfidence);
    }

    /** The intent the flags name, the likeliest if they name several; the post stays {@code other} if none. */
    private IntentClassifier.Alternative namedByFlags(IntentClassifier.Alternative other, Set<SensitiveFlag> flags,
                                                      IntentClassifier.IntentGuess guess) {
        List<String> named = intents.stream()
                .filter(intent -> !intent.name().equals(spamIntent) && !ruledOut(intent.name(), flags)
                        && !Collections.disjoint(intent.namedByFlags(), flags))
                .map(TriageRules.IntentRule::name).toList();
        if (named.isEmpty()) return other;
        // A classifier without probabilities (keywords) leaves the first such intent in config order.
        return guess.likeliestOf(Set.copyOf(named), 0)
                .orElse(new IntentClassifier.Alternative(named.get(0), other.probability()));
    }

    private boolean ruledOut(String intent, Set<SensitiveFlag> flags) {
        return intents.stream().anyMatch(rule -> rule.name().equals(intent)
                && !Collections.disjoint(rule.ruledOutByFlags(), flags));
    }
}
