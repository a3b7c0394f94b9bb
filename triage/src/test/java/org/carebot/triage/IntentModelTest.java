package org.carebot.triage;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntentModelTest {

    private final ExampleIntentClassifierTest.BagOfWords embedder = new ExampleIntentClassifierTest.BagOfWords();
    private final ExampleIndex index = new ExampleIndex();

    private void example(String intent, String text, ExampleIndex.Source source) {
        index.add(new ExampleIndex.Example(intent, text, embedder.embed(text), source));
    }

    private static java.util.Map<String, java.util.List<String>> keywordHits(String text) {
        return new KeywordIntentClassifier(TriageFixtures.rules()).hits(TextMatch.fold(text));
    }

    private String likeliest(IntentModel model, String text) {
        double[] p = model.probabilities(embedder.embed(text), text, keywordHits(text));
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return model.intents().get(best);
    }

    private void billingAndBugs() {
        example("billing_issue", "charged twice for my subscription refund", ExampleIndex.Source.CONFIG);
        example("billing_issue", "invoice shows the wrong amount charged", ExampleIndex.Source.CONFIG);
        example("billing_issue", "cancelled subscription still charged", ExampleIndex.Source.CONFIG);
        example("bug_report", "app crashes when opening settings", ExampleIndex.Source.CONFIG);
        example("bug_report", "export button crashes the app", ExampleIndex.Source.CONFIG);
        example("bug_report", "sync stops and the app crashes", ExampleIndex.Source.CONFIG);
    }

    @Test
    void it_learns_the_intents_from_the_examples_and_gives_a_probability_to_each() {
        billingAndBugs();
        IntentModel model = new IntentModel(index, TriageFixtures.rules());

        assertEquals("bug_report", likeliest(model, "the app crashes on settings"));
        assertEquals("billing_issue", likeliest(model, "charged twice this month"));
        double[] p = model.probabilities(embedder.embed("x"), "x", keywordHits("x"));
        assertEquals(model.intents().size(), p.length);
        assertEquals(1.0, java.util.Arrays.stream(p).sum(), 1e-9);
    }

    @Test
    void word_pieces_carry_inflections_the_embedding_does_not_know() {
        TextEmbedder blind = texts -> texts.stream().map(t -> new float[]{1, 0}).toList();
        for (String[] labeled : new String[][]{
                {"billing_issue", "quiero el reembolso de la factura"}, {"billing_issue", "me cobraron dos veces"},
                {"bug_report", "die App stürzt ständig ab"}, {"bug_report", "beim Export stürzt alles ab"}}) {
            index.add(new ExampleIndex.Example(labeled[0], labeled[1], blind.embed(labeled[1]), ExampleIndex.Source.CONFIG));
        }
        IntentModel model = new IntentModel(index, TriageFixtures.rules());
        String post = "reembolsen la facturación ya";
        double[] p = model.probabilities(blind.embed(post), post, keywordHits(post));
        int billing = model.intents().indexOf("billing_issue");
        int bug = model.intents().indexOf("bug_report");
        assertTrue(p[billing] > p[bug], "billing " + p[billing] + " vs bug " + p[bug]);
    }

    @Test
    void a_retag_retrains_in_the_background_while_the_old_model_answers() throws InterruptedException {
        billingAndBugs();
        IntentModel model = new IntentModel(index, TriageFixtures.rules());
        model.warmUp();
        assertTrue(model.upToDate());

        // People teach a phrase the config never mentioned: the login code that never arrives is account access.
        example("account_access", "login code never arrives by sms", ExampleIndex.Source.RETAG);
        example("account_access", "the login code email never arrives", ExampleIndex.Source.RETAG);
        example("account_access", "my login code never arrives at all", ExampleIndex.Source.RETAG);
        assertFalse(model.upToDate(), "the model has not seen the new examples yet");
        likeliest(model, "export crashes again");  // answers with the old model and starts retraining

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!model.upToDate() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(model.upToDate(), "retrained in the background");
        assertEquals("account_access", likeliest(model, "code never arrives, cannot login"));
    }

    @Test
    void the_blend_with_nearest_examples_needs_a_model_when_the_model_has_a_weight() {
        var settings = new ExampleIntentClassifier.Settings(3, 0.3, 0.05, 0.05, 0, 0.5);
        assertThrows(IllegalArgumentException.class,
                () -> new ExampleIntentClassifier(embedder, index, TriageFixtures.rules(), settings));
    }

    @Test
    void blended_the_model_speaks_in_the_evidence_and_a_fresh_retag_still_counts_at_once() {
        billingAndBugs();
        try (IntentModel model = new IntentModel(index, TriageFixtures.rules())) {
            ExampleIntentClassifier classifier = blendedHalfAndHalf(model);
            IntentClassifier.IntentGuess guess = classify(classifier, "the app crashes on settings");
            assertEquals("bug_report", guess.intent());
            assertTrue(guess.evidence().contains("model"), guess.evidence());

            String labeled = "my sync stops every hour and the invoice page crashes";
            example("account_access", labeled, ExampleIndex.Source.RETAG);
            assertEquals("account_access", classify(classifier, labeled).intent(),
                    "the nearest examples see the label before the model retrains");
        }
    }

    @Test
    void a_label_outside_the_taxonomy_neither_breaks_the_blend_nor_keeps_the_model_retraining() throws InterruptedException {
        billingAndBugs();
        example("other", "no idea what this one is about", ExampleIndex.Source.RETAG);  // a person tagged it "other"
        try (IntentModel model = new IntentModel(index, TriageFixtures.rules())) {
            model.warmUp();
            assertTrue(model.upToDate(), "the model counts the label it does not learn");
            IntentClassifier.IntentGuess guess = classify(blendedHalfAndHalf(model), "no idea what this one is about");
            assertEquals("other", guess.intent());
            assertFalse(guess.evidence().contains("model"), guess.evidence());
        }
    }

    @Test
    void labels_it_does_not_learn_alone_leave_the_model_idle_and_up_to_date() {
        example("other", "no idea what this one is about", ExampleIndex.Source.RETAG);
        try (IntentModel model = new IntentModel(index, TriageFixtures.rules())) {
            model.warmUp();
            double[] p = model.probabilities(embedder.embed("anything"), "anything", keywordHits("anything"));

            assertEquals(0, java.util.Arrays.stream(p).sum(), "nothing learned, no intent is likely");
            assertTrue(model.upToDate(), "it has seen every example; no retraining round after round");
        }
    }

    /** Nearest examples (meaning only) and the model, half each. */
    private ExampleIntentClassifier blendedHalfAndHalf(IntentModel model) {
        return new ExampleIntentClassifier(embedder, index, TriageFixtures.rules(),
                new ExampleIntentClassifier.Settings(3, 0.3, 0.05, 0.05, 0, 0.5), model);
    }

    private static IntentClassifier.IntentGuess classify(IntentClassifier classifier, String text) {
        return classifier.classify(text, TextMatch.fold(text));
    }
}
