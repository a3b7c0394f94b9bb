package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nearest-example intent over an embedder that is a plain bag of words, so every outcome can be reasoned out. */
class ExampleIntentClassifierTest {

    /** Hashes words into 64 buckets and normalizes: texts sharing words are close. Counts what it embeds. */
    static final class BagOfWords implements TextEmbedder {
        final AtomicInteger embedded = new AtomicInteger();

        @Override
        public List<float[]> embedAll(List<String> texts) {
            List<float[]> vectors = new ArrayList<>();
            for (String text : texts) {
                embedded.incrementAndGet();
                float[] v = new float[64];
                for (String word : text.toLowerCase().split("\\W+")) {
                    if (!word.isEmpty()) v[Math.floorMod(word.hashCode(), 64)] += 1;
                }
                double norm = Math.sqrt(Arrays.stream(toDoubles(v)).map(x -> x * x).sum());
                for (int i = 0; i < v.length; i++) v[i] = norm == 0 ? 0 : (float) (v[i] / norm);
                vectors.add(v);
            }
            return vectors;
        }

        private static double[] toDoubles(float[] v) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) d[i] = v[i];
            return d;
        }
    }

    private final BagOfWords embedder = new BagOfWords();
    private final ExampleIndex index = new ExampleIndex();

    private void example(String intent, String text) {
        index.add(new ExampleIndex.Example(intent, text, embedder.embed(text), ExampleIndex.Source.CONFIG));
    }

    private ExampleIntentClassifier classifier() {
        example("billing_issue", "charged twice for my subscription refund");
        example("billing_issue", "invoice shows the wrong amount charged");
        example("billing_issue", "cancelled subscription still charged");
        example("bug_report", "app crashes when opening settings");
        example("bug_report", "export button crashes the app");
        example("bug_report", "sync stops and the app crashes");
        return new ExampleIntentClassifier(embedder, index, TriageFixtures.rules(), ExampleIntentClassifier.Settings.defaults());
    }

    private IntentClassifier.IntentGuess classify(ExampleIntentClassifier classifier, String text) {
        return classifier.classify(text, TextMatch.fold(text));
    }

    @Test
    void the_intent_with_the_closest_examples_wins() {
        ExampleIntentClassifier classifier = classifier();

        IntentClassifier.IntentGuess guess = classify(classifier, "the app crashes when I open settings");

        assertEquals("bug_report", guess.intent());
        assertTrue(guess.confidence() > 0.5, "confidence " + guess.confidence());
        assertTrue(guess.evidence().startsWith("nearest examples"), guess.evidence());
    }

    @Test
    void a_post_far_from_every_example_is_other_for_a_person_to_tag() {
        ExampleIntentClassifier classifier = classifier();

        assertEquals(Triage.OTHER, classify(classifier, "zebra quantum lullaby").intent());
    }

    @Test
    void a_label_a_person_gives_decides_the_next_near_identical_post() {
        ExampleIntentClassifier classifier = classifier();
        String post = "my sync stops every hour and the invoice page crashes";
        String before = classify(classifier, post).intent();

        index.add(new ExampleIndex.Example("billing_issue", post, embedder.embed(post), ExampleIndex.Source.RETAG));

        assertEquals("bug_report", before);
        assertEquals("billing_issue", classify(classifier, post + "!!").intent());
        assertEquals(1, index.count(ExampleIndex.Source.RETAG));
    }

    @Test
    void without_examples_it_falls_back_to_keywords() {
        ExampleIntentClassifier empty = new ExampleIntentClassifier(embedder, new ExampleIndex(), TriageFixtures.rules(),
                ExampleIntentClassifier.Settings.defaults());
        IntentClassifier.IntentGuess byKeywords = new KeywordIntentClassifier(TriageFixtures.rules())
                .classify("refund please", TextMatch.fold("refund please"));

        assertEquals(byKeywords, classify(empty, "refund please"));
    }

    @Test
    void the_cache_embeds_each_normalized_text_once() {
        CachingEmbedder cache = new CachingEmbedder(embedder, 100);

        float[] first = cache.embed("App  crashes ");
        float[] again = cache.embed("app crashes");
        cache.embedAll(List.of("app crashes", "new text", "new text"));

        assertSame(first, again);
        assertEquals(2, embedder.embedded.get(), "'app crashes' once, 'new text' once");
    }

    @Test
    void the_cache_forgets_the_least_recently_used_beyond_its_capacity() {
        CachingEmbedder cache = new CachingEmbedder(embedder, 2);

        cache.embed("one");
        cache.embed("two");
        cache.embed("one");
        cache.embed("three");
        cache.embed("one");
        cache.embed("two");

        assertEquals(4, embedder.embedded.get(), "one, two, three, then two again after it was evicted");
    }

    @Test
    void shared_word_pieces_decide_where_meaning_cannot_tell_intents_apart() {
        TextEmbedder blind = texts -> texts.stream().map(t -> new float[]{1, 0}).toList();  // every text means the same
        ExampleIndex examples = new ExampleIndex();
        for (String[] labeled : new String[][]{
                {"billing_issue", "me cobraron dos veces la suscripción, quiero un reembolso"},
                {"billing_issue", "la factura de este mes está mal cobrada"},
                {"bug_report", "die App stürzt beim Öffnen der Einstellungen ab"},
                {"bug_report", "beim Export stürzt alles ab"}}) {
            examples.add(new ExampleIndex.Example(labeled[0], labeled[1], blind.embed(labeled[1]),
                    ExampleIndex.Source.CONFIG));
        }
        TriageRules unsureAtEvenOdds = TriageFixtures.rules(0.6);
        var meaningOnly = new ExampleIntentClassifier(blind, examples, unsureAtEvenOdds,
                new ExampleIntentClassifier.Settings(1, 0.3, 0, 0.05, 0, 0));
        var withSurface = new ExampleIntentClassifier(blind, examples, unsureAtEvenOdds,
                new ExampleIntentClassifier.Settings(1, 0.3, 0, 0.05, 0.65, 0));
        String post = "otra vez me cobraron la factura doble, reembolso ya";

        assertEquals(Triage.OTHER, meaningOnly.classify(post, TextMatch.fold(post)).intent(), "a tie: it abstains");
        assertEquals("billing_issue", withSurface.classify(post, TextMatch.fold(post)).intent());
    }
}
