package org.carebot.triage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearIntentClassifierTest {

    private final ExampleIntentClassifierTest.BagOfWords embedder = new ExampleIntentClassifierTest.BagOfWords();
    private final ExampleIndex index = new ExampleIndex();

    private void example(String intent, String text, ExampleIndex.Source source) {
        index.add(new ExampleIndex.Example(intent, text, embedder.embed(text), source));
    }

    private IntentClassifier.IntentGuess classify(LinearIntentClassifier classifier, String text) {
        return classifier.classify(text, TextMatch.fold(text));
    }

    @Test
    void it_learns_the_intents_from_the_examples_and_retrains_when_a_person_adds_one() {
        example("billing_issue", "charged twice for my subscription refund", ExampleIndex.Source.CONFIG);
        example("billing_issue", "invoice shows the wrong amount charged", ExampleIndex.Source.CONFIG);
        example("billing_issue", "cancelled subscription still charged", ExampleIndex.Source.CONFIG);
        example("bug_report", "app crashes when opening settings", ExampleIndex.Source.CONFIG);
        example("bug_report", "export button crashes the app", ExampleIndex.Source.CONFIG);
        example("bug_report", "sync stops and the app crashes", ExampleIndex.Source.CONFIG);
        LinearIntentClassifier classifier = new LinearIntentClassifier(embedder, index, TriageFixtures.rules());

        IntentClassifier.IntentGuess crash = classify(classifier, "the app crashes on settings");
        IntentClassifier.IntentGuess charge = classify(classifier, "charged twice this month");

        assertEquals("bug_report", crash.intent());
        assertEquals("billing_issue", charge.intent());
        assertTrue(crash.evidence().startsWith("linear model"), crash.evidence());

        String labeled = "my sync stops every hour and the invoice page crashes";
        example("billing_issue", labeled, ExampleIndex.Source.RETAG);
        IntentClassifier.IntentGuess afterRetag = classify(classifier, labeled);
        assertEquals("billing_issue", afterRetag.intent(), "a near-identical labeled example decides");
        assertTrue(afterRetag.evidence().startsWith("labeled example"), afterRetag.evidence());
    }

    @Test
    void a_retag_retrains_in_the_background_while_the_old_model_answers() throws InterruptedException {
        example("billing_issue", "charged twice for my subscription refund", ExampleIndex.Source.CONFIG);
        example("billing_issue", "invoice shows the wrong amount charged", ExampleIndex.Source.CONFIG);
        example("bug_report", "app crashes when opening settings", ExampleIndex.Source.CONFIG);
        example("bug_report", "export button crashes the app", ExampleIndex.Source.CONFIG);
        LinearIntentClassifier classifier = new LinearIntentClassifier(embedder, index, TriageFixtures.rules());
        classifier.warmUp();
        assertTrue(classifier.upToDate());

        // People teach a phrase the config never mentioned: the login code that never arrives is account access.
        example("account_access", "login code never arrives by sms", ExampleIndex.Source.RETAG);
        example("account_access", "the login code email never arrives", ExampleIndex.Source.RETAG);
        example("account_access", "my login code never arrives at all", ExampleIndex.Source.RETAG);
        assertTrue(!classifier.upToDate(), "the model has not seen the new examples yet");
        classify(classifier, "export crashes again");  // answers with the old model and starts retraining

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!classifier.upToDate() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(classifier.upToDate(), "retrained in the background");
        IntentClassifier.IntentGuess guess = classify(classifier, "code never arrives, cannot login");
        assertEquals("account_access", guess.intent());
        assertTrue(guess.evidence().startsWith("linear model"), "decided by the retrained model: " + guess.evidence());
    }
}
