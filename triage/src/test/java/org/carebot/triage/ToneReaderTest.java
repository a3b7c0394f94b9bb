package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToneReaderTest {

    private final ToneReader tones = new ToneReader(List.of("great job", "thank*", "love", "merci", "gracias"),
            Set.of("outage_report", "billing_issue", "bug_report"), "praise", null, new ExampleIndex(), Set.of("en"), 1);

    private Tone read(String text, String intent) {
        return tones.read(text, TextMatch.fold(text), intent, "en");
    }

    @Test
    void praise_next_to_an_eye_roll_is_sarcasm_and_negative() {
        Tone tone = read("Great job @AcmeCloud, third outage this week 🙄", "praise");

        assertTrue(tone.sarcasm());
        assertEquals(Tone.Sentiment.NEGATIVE, tone.sentiment());
    }

    @Test
    void praise_words_in_a_complaint_are_sarcasm() {
        assertTrue(read("Love paying twice for the same month, thanks Acme 👏", "billing_issue").sarcasm());
    }

    @Test
    void plain_thanks_in_a_complaint_is_not_sarcasm_unless_something_else_says_so() {
        assertFalse(read("thanks, the refund arrived", "billing_issue").sarcasm());
        assertFalse(read("merci, le remboursement est arrivé", "billing_issue").sarcasm());
        assertTrue(read("thanks for charging me twice, love it", "billing_issue").sarcasm(), "praise beside thanks");
        assertTrue(read("thanks for the useless update", "bug_report").sarcasm(), "a negative word");
        assertTrue(read("thanks for the update 👏", "bug_report").sarcasm(), "clapping");
    }

    @Test
    void an_ironic_marker_makes_a_complaint_sarcastic_without_a_word_of_praise() {
        assertTrue(read("99.9% uptime and the 0.1% is every time I have a deadline 🙃", "outage_report").sarcasm());
        assertTrue(read("Otra caída un lunes a las 9. Qué sorpresa, oye 🙄", "outage_report").sarcasm());
        assertTrue(read("so much for the 'instant' refund", "billing_issue").sarcasm());
        assertFalse(read("prices went up from 9.99 to 14.99 overnight 😒", "billing_issue").sarcasm(),
                "unamused is not ironic");
        assertFalse(read("is acme down for anyone else 🙃", "general_question").sarcasm(), "no complaint");
        assertTrue(read("uploads crawl at 2 MB/s, great speed /s", "bug_report").sarcasm());
        assertTrue(read("new sync engine, yeah right. lost my files again", "bug_report").sarcasm());
    }

    @Test
    void words_that_are_ironic_elsewhere_are_plain_in_these_complaints() {
        assertFalse(read("uploads crawl at 2 MB/s since the update", "bug_report").sarcasm(), "a rate");
        assertFalse(read("I paid so much for this plan and it keeps failing", "billing_issue").sarcasm());
        assertFalse(read("yeah, right after the update it crashes", "bug_report").sarcasm());
    }

    @Test
    void genuine_praise_is_positive_and_a_plain_complaint_negative_without_sarcasm() {
        Tone praise = read("Thank you, support fixed it in five minutes", "praise");
        Tone complaint = read("The export button does nothing since the update", "bug_report");

        assertEquals(new Tone(Tone.Sentiment.POSITIVE, false), praise);
        assertEquals(new Tone(Tone.Sentiment.NEGATIVE, false), complaint);
    }

    @Test
    void praise_is_read_as_sarcasm_by_meaning_only_in_the_languages_the_model_reads() {
        ExampleIntentClassifierTest.BagOfWords embedder = new ExampleIntentClassifierTest.BagOfWords();
        ExampleIndex examples = new ExampleIndex();
        for (String[] labeled : new String[][]{{"billing_issue", "mi abogada dice que el cobro doble es ilegal"},
                {"praise", "el equipo de soporte me ayudo rapido"}}) {
            examples.add(new ExampleIndex.Example(labeled[0], labeled[1], embedder.embed(labeled[1]),
                    ExampleIndex.Source.CONFIG));
        }
        ToneReader englishOnly = new ToneReader(List.of("genial"), Set.of("billing_issue"), "praise", embedder, examples,
                Set.of("en"), 1);
        ToneReader everyLanguage = new ToneReader(List.of("genial"), Set.of("billing_issue"), "praise", embedder,
                examples, Set.of("en", "es"), 1);
        String praise = "mi abogada dice que acme es genial";

        assertTrue(everyLanguage.read(praise, TextMatch.fold(praise), "praise", "es").sarcasm(),
                "by meaning it sits nearer the complaint");
        assertEquals(new Tone(Tone.Sentiment.POSITIVE, false),
                englishOnly.read(praise, TextMatch.fold(praise), "praise", "es"), "not read by meaning in Spanish");
    }

    @Test
    void a_question_is_neutral() {
        assertEquals(Tone.neutral(), read("How do I share a folder with my team?", "general_question"));
    }

    @Test
    void the_engine_never_calls_sarcastic_thanks_praise_and_adds_the_reason() {
        CarebotTriageEngine engine = new CarebotTriageEngine(TriageFixtures.rules(), TriageFixtures.personalData(),
                TriageFixtures.languages(), new KeywordIntentClassifier(TriageFixtures.rules()), SemanticFlags.none(),
                new ToneReader(List.of("thank*", "love"), Set.of("outage_report"), "praise", null, new ExampleIndex(),
                        Set.of("en"), 1));

        Triage triage = engine.triage(TriageFixtures.post("Thanks so much for the third outage this week 🙄"));

        assertEquals("outage_report", triage.intent(), "what it really is, not praise");
        assertTrue(triage.tone().sarcasm());
        assertTrue(triage.humanOnly());
        assertTrue(triage.reasons().contains("sarcastic, negative (+1)"), triage.reasons().toString());
        assertFalse(triage.spam());
    }

    /** A classifier that reads praise first and a complaint second, as nearest examples do with sarcasm. */
    private static IntentClassifier praiseThen(String second, double probability) {
        return (text, folded) -> new IntentClassifier.IntentGuess("praise", 0.6, "test", List.of(
                new IntentClassifier.Alternative("praise", 0.6), new IntentClassifier.Alternative(second, probability)), 0.6);
    }

    private static Triage triageWith(IntentClassifier classifier, String text) {
        CarebotTriageEngine engine = new CarebotTriageEngine(TriageFixtures.rules(), TriageFixtures.personalData(),
                TriageFixtures.languages(), classifier, SemanticFlags.none(),
                new ToneReader(List.of("love"), Set.of("billing_issue"), "praise", null, new ExampleIndex(),
                        Set.of("en"), 1));
        return engine.triage(TriageFixtures.post(text));
    }

    @Test
    void sarcastic_praise_is_the_complaint_the_classifier_found_next_or_a_persons_to_tag() {
        String text = "love paying twice for the same month 🙃";

        Triage likely = triageWith(praiseThen("billing_issue", 0.35), text);
        assertEquals("billing_issue", likely.intent());
        assertEquals(0.35, likely.intentConfidence(), 1e-9);
        assertTrue(likely.humanOnly());

        assertEquals(Triage.OTHER, triageWith(praiseThen("billing_issue", 0.05), text).intent(), "too unlikely");
        assertEquals(Triage.OTHER, triageWith(praiseThen("feature_request", 0.35), text).intent(), "not a complaint");
    }
}
