package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagIntentsTest {

    private static final double MIN_CONFIDENCE = 0.25;

    private static final FlagIntents FLAG_INTENTS = new FlagIntents(rules(List.of(
            new TriageRules.IntentRule("billing_issue", List.of(), 2, Set.of(SensitiveFlag.FRAUD), Set.of()),
            new TriageRules.IntentRule("bug_report", List.of(), 1),
            new TriageRules.IntentRule("pr_risk", List.of(), 3, Set.of(SensitiveFlag.MISINFORMATION), Set.of()),
            new TriageRules.IntentRule(TriageFixtures.SPAM_INTENT, List.of(), 0),
            new TriageRules.IntentRule("praise", List.of(), 0, Set.of(), Set.of(SensitiveFlag.SELF_HARM)))));

    private static TriageRules rules(List<TriageRules.IntentRule> intents) {
        return new TriageRules(intents, TriageFixtures.SPAM_INTENT, MIN_CONFIDENCE, TriageFixtures.spamRules(), Map.of(),
                TriageFixtures.weights(), TriageFixtures.LANGUAGES, Set.of(), Set.of(), null);
    }

    /** What a classifier with probabilities answers: its top intent and every intent's probability. */
    private static IntentClassifier.IntentGuess guess(Map<String, Double> probabilities) {
        List<IntentClassifier.Alternative> alternatives = probabilities.entrySet().stream()
                .map(e -> new IntentClassifier.Alternative(e.getKey(), e.getValue())).toList();
        IntentClassifier.Alternative top = alternatives.stream()
                .max(java.util.Comparator.comparingDouble(IntentClassifier.Alternative::probability)).orElseThrow();
        return new IntentClassifier.IntentGuess(top.intent(), top.probability(), "test", alternatives, 0.5);
    }

    private static IntentClassifier.Alternative decide(String intent, double confidence, Set<SensitiveFlag> flags,
                                                       IntentClassifier.IntentGuess guess) {
        return FLAG_INTENTS.decide(new IntentClassifier.Alternative(intent, confidence), flags, guess);
    }

    @Test
    void praise_with_self_harm_language_takes_the_likeliest_intent_that_self_harm_allows() {
        var guess = guess(Map.of("praise", 0.40, "bug_report", 0.30, TriageFixtures.SPAM_INTENT, 0.32,
                "billing_issue", 0.0));

        assertEquals(new IntentClassifier.Alternative("bug_report", 0.30),
                decide("praise", 0.40, Set.of(SensitiveFlag.SELF_HARM), guess));
    }

    @Test
    void praise_with_self_harm_language_and_nothing_else_likely_enough_is_left_to_a_person() {
        var guess = guess(Map.of("praise", 0.70, "bug_report", 0.20, "billing_issue", 0.10));

        IntentClassifier.Alternative decided = decide("praise", 0.70, Set.of(SensitiveFlag.SELF_HARM), guess);

        assertEquals(Triage.OTHER, decided.intent());
        assertEquals(0.20, decided.probability(), "as unsure as the likeliest allowed intent, not as sure as of praise");
    }

    @Test
    void a_post_the_classifier_was_unsure_of_takes_the_intent_its_flag_names() {
        var guess = guess(Map.of("bug_report", 0.22, "pr_risk", 0.18, "billing_issue", 0.05));

        assertEquals(new IntentClassifier.Alternative("pr_risk", 0.18),
                decide(Triage.OTHER, 0.22, Set.of(SensitiveFlag.MISINFORMATION), guess));
    }

    @Test
    void with_two_flags_naming_intents_the_likelier_intent_wins() {
        var guess = guess(Map.of("bug_report", 0.22, "pr_risk", 0.08, "billing_issue", 0.15));

        assertEquals("billing_issue",
                decide(Triage.OTHER, 0.22, Set.of(SensitiveFlag.MISINFORMATION, SensitiveFlag.FRAUD), guess).intent());
    }

    @Test
    void a_classifier_without_probabilities_gets_the_first_named_intent_in_config_order() {
        var keywordsOnly = IntentClassifier.IntentGuess.other(0.0, "no keyword");

        IntentClassifier.Alternative decided =
                decide(Triage.OTHER, 0.0, Set.of(SensitiveFlag.MISINFORMATION, SensitiveFlag.FRAUD), keywordsOnly);

        assertEquals(new IntentClassifier.Alternative("billing_issue", 0.0), decided);
    }

    @Test
    void flags_leave_an_intent_the_classifier_decided_and_they_allow_alone() {
        var guess = guess(Map.of("bug_report", 0.60, "pr_risk", 0.30));
        IntentClassifier.Alternative decided = new IntentClassifier.Alternative("bug_report", 0.60);

        assertEquals(decided, FLAG_INTENTS.decide(decided, Set.of(SensitiveFlag.MISINFORMATION), guess));
        assertEquals(decided, FLAG_INTENTS.decide(decided, Set.of(), guess));
    }

    @Test
    void a_flag_that_names_no_intent_leaves_other() {
        var guess = guess(Map.of("bug_report", 0.22, "pr_risk", 0.18));

        assertEquals(Triage.OTHER, decide(Triage.OTHER, 0.22, Set.of(SensitiveFlag.LEGAL_THREAT), guess).intent());
    }

    @Test
    void a_spam_guess_the_spam_rules_did_not_confirm_takes_the_intent_its_flags_name() {
        var spamFirst = guess(Map.of(TriageFixtures.SPAM_INTENT, 0.55, "billing_issue", 0.30));

        assertEquals("billing_issue", decide(Triage.OTHER, 0.55, Set.of(SensitiveFlag.FRAUD), spamFirst).intent());
    }

    @Test
    void an_intent_cannot_be_named_and_ruled_out_by_the_same_flag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TriageRules.IntentRule("praise", List.of(), 0, Set.of(SensitiveFlag.FRAUD),
                        Set.of(SensitiveFlag.FRAUD)));
        assertTrue(e.getMessage().contains("fraud"), e.getMessage());
    }
}
