package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SemanticFlagsTest {

    private final ExampleIntentClassifierTest.BagOfWords embedder = new ExampleIntentClassifierTest.BagOfWords();
    private final Map<SensitiveFlag, List<String>> examples = Map.of(
            SensitiveFlag.SELF_HARM, List.of("i honestly do not want to live anymore"),
            SensitiveFlag.LEGAL_THREAT, List.of("my lawyer will take you to court"));
    private static final String POST = "after losing my files i do not want to live";

    private double similarityTo(String example) {
        return TextEmbedder.cosine(embedder.embed(POST), embedder.embed(example));
    }

    @Test
    void a_flag_with_its_own_threshold_is_raised_where_the_standard_one_would_not() {
        double similarity = similarityTo("i honestly do not want to live anymore");
        SemanticFlags standard = new SemanticFlags(embedder, examples, SemanticFlags.Thresholds.of(similarity + 0.01));
        SemanticFlags recallFirst = new SemanticFlags(embedder, examples, new SemanticFlags.Thresholds(
                similarity + 0.01, Map.of(SensitiveFlag.SELF_HARM, similarity - 0.01)));

        assertEquals(Set.of(), standard.read(POST).flags());
        assertEquals(Set.of(SensitiveFlag.SELF_HARM), recallFirst.read(POST).flags());
    }

    @Test
    void a_reading_tells_how_close_the_post_came_to_each_flag() {
        SemanticFlags flags = new SemanticFlags(embedder, examples, SemanticFlags.Thresholds.of(0.99));
        SemanticFlags.Reading reading = flags.read(POST);

        double selfHarm = similarityTo("i honestly do not want to live anymore");
        double legal = similarityTo("my lawyer will take you to court");
        assertEquals(selfHarm, reading.similarity().get(SensitiveFlag.SELF_HARM), 1e-6);
        assertEquals(legal, reading.similarity().get(SensitiveFlag.LEGAL_THREAT), 1e-6);
        assertEquals(Math.max(selfHarm, legal), reading.closest(), 1e-6);
        assertTrue(selfHarm > legal);
    }

    @Test
    void without_examples_nothing_is_flagged_and_nothing_is_close() {
        SemanticFlags.Reading reading = SemanticFlags.none().read(POST);
        assertEquals(Set.of(), reading.flags());
        assertEquals(0, reading.closest());
    }

    @Test
    void a_post_near_a_sensitive_example_is_never_auto_replyable_even_without_a_flag() {
        String praise = "thanks, love the app, i do not want to live without it";
        double closest = new SemanticFlags(embedder, examples, SemanticFlags.Thresholds.of(1.0)).read(praise).closest();
        SemanticFlags neverFlags = new SemanticFlags(embedder, examples, SemanticFlags.Thresholds.of(1.0));

        Triage withMargin = engine(closest - 0.01, neverFlags).triage(Post.ofText("x", "1", praise));
        Triage withoutMargin = engine(1.0, neverFlags).triage(Post.ofText("x", "1", praise));

        assertEquals("praise", withMargin.intent());
        assertEquals(Set.of(), withMargin.sensitive(), "no flag was raised");
        assertTrue(withMargin.humanOnly(), "but it came close to one: a person approves the reply");
        assertFalse(withoutMargin.humanOnly(), "the same praise, with no margin, may be answered automatically");
    }

    private static CarebotTriageEngine engine(double margin, SemanticFlags flags) {
        TriageRules base = TriageFixtures.rules();
        TriageRules rules = new TriageRules(base.intents(), base.spamIntent(), base.minConfidence(), base.spam(),
                base.sensitiveKeywords(), base.priority(), base.languages(), base.vipAuthors(), base.humanOnlyIntents(),
                new TriageRules.AutoReply(Set.of("praise"), 0.3, margin));
        return new CarebotTriageEngine(rules, TriageFixtures.personalData(), TriageFixtures.languages(),
                new KeywordIntentClassifier(rules), flags);
    }
}
