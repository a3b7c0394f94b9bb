package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SemanticFlagsTest {

    private final ExampleIntentClassifierTest.BagOfWords embedder = new ExampleIntentClassifierTest.BagOfWords();
    private final Map<SensitiveFlag, SemanticFlags.Examples> examples = SemanticFlags.Examples.of(Map.of(
            SensitiveFlag.SELF_HARM, List.of("i honestly do not want to live anymore"),
            SensitiveFlag.LEGAL_THREAT, List.of("my lawyer will take you to court")));
    private static final String POST = "after losing my files i do not want to live";

    private double similarityTo(String example) {
        return TextEmbedder.cosine(embedder.embed(POST), embedder.embed(example));
    }

    @Test
    void a_flag_with_its_own_threshold_is_raised_where_the_standard_one_would_not() {
        double similarity = similarityTo("i honestly do not want to live anymore");
        SemanticFlags standard = new SemanticFlags(embedder, examples, SemanticFlags.Thresholds.of(similarity + 0.01));
        SemanticFlags recallFirst = new SemanticFlags(embedder, examples, new SemanticFlags.Thresholds(
                similarity + 0.01, Map.of(SensitiveFlag.SELF_HARM, similarity - 0.01), 0));

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
    void a_learned_label_counts_for_the_next_post_at_once() {
        String missed = "the charger melted and burned my desk";
        String venting = "this outage makes me want to live in a cave far from computers";
        SemanticFlags flags = new SemanticFlags(embedder, examples, SemanticFlags.Thresholds.of(0.3));
        assertEquals(Set.of(), flags.read(missed + " yesterday").flags());
        assertEquals(Set.of(SensitiveFlag.SELF_HARM), flags.read(venting).flags(), "the kind of false alarm a person clears");

        flags.learn(missed, SensitiveFlag.SAFETY, true);
        flags.learnAll(List.of(new SemanticFlags.Lesson(venting, SensitiveFlag.SELF_HARM, false)));

        assertEquals(Set.of(SensitiveFlag.SAFETY), flags.read(missed + " yesterday").flags());
        assertFalse(flags.read(venting + " today").flags().contains(SensitiveFlag.SELF_HARM),
                "nearer the counter-example than the example");
        assertTrue(flags.read(POST).flags().contains(SensitiveFlag.SELF_HARM), "the flag's own examples still count");
    }

    @Test
    void the_latest_label_on_a_text_stands() {
        String missed = "the charger melted and burned my desk";
        SemanticFlags flags = new SemanticFlags(embedder, examples, SemanticFlags.Thresholds.of(0.3));

        flags.learn(missed, SensitiveFlag.SAFETY, true);
        assertEquals(Set.of(SensitiveFlag.SAFETY), flags.read(missed + " yesterday").flags());
        flags.learn(missed, SensitiveFlag.SAFETY, false);
        assertEquals(Set.of(), flags.read(missed + " yesterday").flags(), "cleared after it was added");
        flags.learnAll(List.of(new SemanticFlags.Lesson(missed, SensitiveFlag.SAFETY, false),
                new SemanticFlags.Lesson(missed, SensitiveFlag.SAFETY, true)));
        assertEquals(Set.of(SensitiveFlag.SAFETY), flags.read(missed + " yesterday").flags(), "replayed in order");
    }

    @Test
    void a_closer_counter_example_keeps_the_flag_off() {
        String venting = "this outage is killing me i do not want to see another error";
        Map<SensitiveFlag, SemanticFlags.Examples> withCounter = Map.of(SensitiveFlag.SELF_HARM, new SemanticFlags.Examples(
                List.of("i honestly do not want to live anymore"),
                List.of("this outage is killing me, another error again")));
        SemanticFlags lowThreshold = new SemanticFlags(embedder, SemanticFlags.Examples.of(Map.of(SensitiveFlag.SELF_HARM,
                List.of("i honestly do not want to live anymore"))), SemanticFlags.Thresholds.of(0.1));
        SemanticFlags refined = new SemanticFlags(embedder, withCounter, SemanticFlags.Thresholds.of(0.1));

        assertEquals(Set.of(SensitiveFlag.SELF_HARM), lowThreshold.read(venting).flags(), "near enough to the example");
        SemanticFlags.Reading reading = refined.read(venting);
        assertTrue(reading.counterSimilarity().get(SensitiveFlag.SELF_HARM) > reading.similarity().get(SensitiveFlag.SELF_HARM));
        assertEquals(Set.of(), reading.flags(), "but nearer still to a post that only sounds like it");
        assertEquals(Set.of(SensitiveFlag.SELF_HARM), refined.read(POST).flags(), "the real thing is still flagged");
    }

    @Test
    void word_pieces_find_a_flag_in_words_the_meaning_model_does_not_know() {
        TextEmbedder blind = texts -> texts.stream().map(t -> new float[]{1, 0}).toList();  // every text means the same
        Map<SensitiveFlag, SemanticFlags.Examples> legal = SemanticFlags.Examples.of(Map.of(
                SensitiveFlag.LEGAL_THREAT, List.of("vou processar a empresa, já falei com meu advogado"),
                SensitiveFlag.SELF_HARM, List.of("ich will nicht mehr leben")));
        SemanticFlags meaningOnly = new SemanticFlags(blind, legal, new SemanticFlags.Thresholds(0.9, Map.of(), 0));
        SemanticFlags withSurface = new SemanticFlags(blind, legal, new SemanticFlags.Thresholds(0.9, Map.of(), 0.5));
        String post = "meu advogado vai processar voces";

        assertEquals(Set.of(SensitiveFlag.LEGAL_THREAT, SensitiveFlag.SELF_HARM), meaningOnly.read(post).flags(),
                "meaning alone cannot tell them apart");
        SemanticFlags.Reading reading = withSurface.read(post);
        assertTrue(reading.similarity().get(SensitiveFlag.LEGAL_THREAT) > reading.similarity().get(SensitiveFlag.SELF_HARM));
        assertEquals(1.0, reading.closest(), 1e-6, "the safety margin still reads meaning alone");
    }

    /** Despair in several words, each example around one shared word; ordinary posts share the rest of the words. */
    private static final List<String> HOPELESS = List.of("feeling hopeless since the sync ate my thesis",
            "hopeless tonight, lost every photo of my mum", "so hopeless i cannot sleep, account locked for weeks",
            "everything is hopeless after the data loss");
    private static final List<String> ORDINARY = List.of("the sync ate my thesis draft again",
            "lost every photo after the update, where are they", "cannot sleep because the fan is so loud",
            "account locked for weeks, please help", "the data loss report is ready", "tonight the app is slow again",
            "my mum cannot find the share button", "feeling good about the new plan");

    private List<ExampleIndex.Example> ordinary(List<String> texts) {
        return texts.stream().map(t -> new ExampleIndex.Example("general_question", t, embedder.embed(t),
                ExampleIndex.Source.CONFIG)).toList();
    }

    @Test
    void a_lookalike_keeps_the_flag_off_as_a_counter_example_does_but_no_model_learns_from_it() {
        String waiting = "account locked for weeks and i cannot sleep tonight";
        List<String> lookalike = List.of("account locked for weeks, cannot sleep tonight");
        SemanticFlags.Thresholds thresholds = new SemanticFlags.Thresholds(0.3, Map.of(), 0, 0.5, Map.of());
        SemanticFlags plain = new SemanticFlags(embedder, SemanticFlags.Examples.of(Map.of(SensitiveFlag.SELF_HARM,
                HOPELESS)), thresholds, ordinary(ORDINARY));
        SemanticFlags withLookalike = new SemanticFlags(embedder, Map.of(SensitiveFlag.SELF_HARM,
                new SemanticFlags.Examples(HOPELESS, List.of(), lookalike)), thresholds, ordinary(ORDINARY));
        SemanticFlags withCounter = new SemanticFlags(embedder, Map.of(SensitiveFlag.SELF_HARM,
                new SemanticFlags.Examples(HOPELESS, lookalike)), thresholds, ordinary(ORDINARY));

        assertEquals(Set.of(SensitiveFlag.SELF_HARM), plain.read(waiting).flags(), "near enough to the examples alone");
        assertEquals(Set.of(), withLookalike.read(waiting).flags(), "nearer to the lookalike");
        String other = "hopeless, what do i do now";
        assertEquals(plain.read(other).score(), withLookalike.read(other).score(), "the model is the same");
        assertNotEquals(plain.read(other).score(), withCounter.read(other).score(), "a counter-example retrains it");
    }

    @Test
    void a_model_floor_keeps_off_a_flag_only_its_word_pieces_came_near() {
        String waiting = "account locked for weeks and i cannot sleep tonight";
        String despair = "hopeless, what do i do now";
        Map<SensitiveFlag, SemanticFlags.Examples> hopeless = SemanticFlags.Examples.of(Map.of(SensitiveFlag.SELF_HARM, HOPELESS));
        SemanticFlags noFloor = new SemanticFlags(embedder, hopeless,
                new SemanticFlags.Thresholds(0.3, Map.of(), 0, 0.5, Map.of()), ordinary(ORDINARY));
        double waitingLikelihood = noFloor.read(waiting).likelihood().get(SensitiveFlag.SELF_HARM);
        double despairLikelihood = noFloor.read(despair).likelihood().get(SensitiveFlag.SELF_HARM);
        assertTrue(waitingLikelihood < despairLikelihood, waitingLikelihood + " vs " + despairLikelihood);
        double floor = (waitingLikelihood + despairLikelihood) / 2;
        SemanticFlags floored = new SemanticFlags(embedder, hopeless,
                new SemanticFlags.Thresholds(0.3, Map.of(), 0, 0.5, Map.of(), floor), ordinary(ORDINARY));

        assertEquals(Set.of(SensitiveFlag.SELF_HARM), noFloor.read(waiting).flags(), "near the examples by its words");
        assertEquals(Set.of(), floored.read(waiting).flags(), "the model gives it less than the floor");
        assertEquals(Set.of(SensitiveFlag.SELF_HARM), floored.read(despair).flags(), "the model agrees: it stands");
        assertTrue(floored.read(waiting).modelAgrees(SensitiveFlag.LEGAL_THREAT, floor), "no model for it: no floor");

        floored.learn(waiting, SensitiveFlag.SELF_HARM, true);
        assertEquals(Set.of(SensitiveFlag.SELF_HARM), floored.read(waiting).flags(),
                "a person said it is self-harm: their lesson is not held to the model's floor");
    }

    @Test
    void a_flag_model_finds_what_the_examples_share_where_no_single_example_is_near() {
        Map<SensitiveFlag, SemanticFlags.Examples> despair = SemanticFlags.Examples.of(Map.of(SensitiveFlag.SELF_HARM, HOPELESS));
        String post = "hopeless, what do i do now";
        SemanticFlags similarityAlone = new SemanticFlags(embedder, despair, SemanticFlags.Thresholds.of(0.45));
        SemanticFlags withModel = new SemanticFlags(embedder, despair,
                new SemanticFlags.Thresholds(0.45, Map.of(), 0, 0.5, Map.of()), ordinary(ORDINARY));

        SemanticFlags.Reading reading = withModel.read(post);
        assertTrue(reading.similarity().get(SensitiveFlag.SELF_HARM) < 0.45, "no example is near: " + reading);
        assertEquals(Set.of(), similarityAlone.read(post).flags());
        assertEquals(Set.of(SensitiveFlag.SELF_HARM), reading.flags(), "the model learned which word the examples share");
        assertTrue(reading.score().get(SensitiveFlag.SELF_HARM) > reading.similarity().get(SensitiveFlag.SELF_HARM));
        assertEquals(Set.of(), withModel.read("lost every photo, what do i do now").flags(), "ordinary words are not it");
    }

    @Test
    void a_lesson_retrains_the_flag_models_in_the_background() throws InterruptedException {
        Map<SensitiveFlag, SemanticFlags.Examples> despair = SemanticFlags.Examples.of(Map.of(SensitiveFlag.SELF_HARM, HOPELESS));
        SemanticFlags flags = new SemanticFlags(embedder, despair, new SemanticFlags.Thresholds(0.35, Map.of(), 0, 0.5, Map.of()),
                ordinary(ORDINARY));
        // Another word form: no word in common with the lesson, so only the model's word pieces can connect them.
        String post = "thinking about unaliving tonight";
        assertTrue(flags.modelsUpToDate());
        assertEquals(Set.of(), flags.read(post).flags(), flags.read(post).toString());

        flags.learnAll(List.of(new SemanticFlags.Lesson("i want to unalive myself", SensitiveFlag.SELF_HARM, true),
                new SemanticFlags.Lesson("might just unalive, nothing left", SensitiveFlag.SELF_HARM, true),
                new SemanticFlags.Lesson("unalive is the only way out now", SensitiveFlag.SELF_HARM, true)));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!flags.modelsUpToDate() && System.nanoTime() < deadline) Thread.sleep(20);

        assertTrue(flags.modelsUpToDate(), "retrained within 20 s");
        assertEquals(Set.of(SensitiveFlag.SELF_HARM), flags.read(post).flags(), flags.read(post).toString());
    }

    @Test
    void a_keyword_floor_lets_the_flag_score_overrule_a_keyword() {
        Map<SensitiveFlag, SemanticFlags.Examples> despair = SemanticFlags.Examples.of(Map.of(SensitiveFlag.SELF_HARM, HOPELESS));
        SemanticFlags floored = new SemanticFlags(embedder, despair, new SemanticFlags.Thresholds(0.45, Map.of(), 0, 0.5,
                Map.of(SensitiveFlag.FRAUD, 0.3)), ordinary(ORDINARY));
        SemanticFlags selfHarmFloor = new SemanticFlags(embedder, Map.of(), new SemanticFlags.Thresholds(0.45, Map.of(), 0,
                0.5, Map.of()), ordinary(ORDINARY));
        SemanticFlags.Reading far = floored.read("the printer ink is out again");
        SemanticFlags.Reading scored = new SemanticFlags.Reading(Set.of(), Map.of(SensitiveFlag.FRAUD, 0.2), Map.of(),
                Map.of(), Map.of(), 0);

        assertFalse(floored.keywordStands(scored, SensitiveFlag.FRAUD), "scored below its floor: overruled");
        assertTrue(SemanticFlags.keywordStands(scored, SensitiveFlag.FRAUD, 0.15), "at or above a floor: it stands");
        assertTrue(floored.keywordStands(far, SensitiveFlag.FRAUD), "a flag without examples has no score: it stands");
        assertTrue(floored.keywordStands(far, SensitiveFlag.LEGAL_THREAT), "a flag without a floor: its keywords stand");
        assertTrue(selfHarmFloor.keywordStands(scored, SensitiveFlag.SELF_HARM));
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SemanticFlags.Thresholds(0.45, Map.of(), 0, 0.5, Map.of(SensitiveFlag.SELF_HARM, 0.1)));
        assertTrue(refused.getMessage().contains("self_harm keywords always stand"), refused.getMessage());
    }

    @Test
    void a_keyword_the_flag_model_overrules_raises_no_flag_but_a_person_still_approves_the_reply() {
        Map<SensitiveFlag, SemanticFlags.Examples> accusations = SemanticFlags.Examples.of(Map.of(SensitiveFlag.FRAUD,
                List.of("you charged my card twice, this is fraud", "fraud, they took money after i cancelled",
                        "stole my money with a fake trial, pure fraud")));
        // Ordinary posts that name fraud without accusing anyone: the model learns the difference from them.
        List<ExampleIndex.Example> ordinary = ordinary(Stream.concat(ORDINARY.stream(), Stream.of(
                "does the family plan include fraud alerts", "fraud alerts for new logins would be great",
                "where do i switch on fraud alerts", "the fraud alerts work well on my phone")).toList());
        SemanticFlags floored = new SemanticFlags(embedder, accusations, new SemanticFlags.Thresholds(0.45, Map.of(), 0,
                0.5, Map.of(SensitiveFlag.FRAUD, 0.3)), ordinary);
        String praise = "thanks, love the app and its fraud alerts";

        Triage floor = engine(1.0, floored).triage(Post.ofText("x", "1", praise));
        Triage noFloor = engine(1.0, new SemanticFlags(embedder, accusations, new SemanticFlags.Thresholds(0.45, Map.of(),
                0, 0.5, Map.of()), ordinary)).triage(Post.ofText("x", "1", praise));

        assertEquals(Set.of(SensitiveFlag.FRAUD), noFloor.sensitive(), "the keyword alone flags it");
        assertEquals(Set.of(), floor.sensitive(), "far from every accusation: the model overrules the keyword");
        assertTrue(floor.humanOnly(), "a keyword was found: a person approves any reply all the same");
    }

    @Test
    void a_long_post_is_also_read_sentence_by_sentence_for_the_flags_named() {
        Map<SensitiveFlag, SemanticFlags.Examples> despair = SemanticFlags.Examples.of(Map.of(SensitiveFlag.SELF_HARM, HOPELESS));
        String sentence = "Everything is hopeless after the data loss.";
        String buried = "Ticket 4821, the fourth time I write about the invoice for our team plan. The seat count has been "
                + "wrong since April and nobody corrects it, so we pay for fourteen seats instead of four. " + sentence
                + " Please correct the seat count and refund the difference to the card on file.";
        SemanticFlags readWhole = flags(despair, 1.0, SemanticFlags.BySentence.NONE);
        double wholeScore = selfHarmScore(readWhole, buried);
        double sentenceScore = selfHarmScore(readWhole, sentence);
        assertTrue(wholeScore < sentenceScore, "the sentence is diluted in the whole post: " + wholeScore + " vs " + sentenceScore);
        double threshold = (wholeScore + sentenceScore) / 2;

        assertEquals(Set.of(), flags(despair, threshold, SemanticFlags.BySentence.NONE).read(buried).flags(),
                "read whole, the post stays under the threshold");
        SemanticFlags.Reading bySentence = flags(despair, threshold,
                new SemanticFlags.BySentence(Set.of(SensitiveFlag.SELF_HARM), 30)).read(buried);
        assertEquals(Set.of(SensitiveFlag.SELF_HARM), bySentence.flags(), "its sentence of despair raises the flag");
        assertEquals(sentenceScore, bySentence.score().get(SensitiveFlag.SELF_HARM), 1e-9, "with that sentence's score");
        assertEquals(Set.of(), flags(despair, threshold, new SemanticFlags.BySentence(Set.of(SensitiveFlag.SELF_HARM), 200))
                .read(buried).flags(), "a post shorter than min words is read whole");
        assertEquals(Set.of(), flags(despair, threshold, new SemanticFlags.BySentence(Set.of(SensitiveFlag.FRAUD), 30))
                .read(buried).flags(), "only the flags named are read by sentence");
        assertEquals(List.of("Ok. The seat count is wrong.", "Nobody answers my mails."),
                SemanticFlags.sentences("Ok. The seat count is wrong. Nobody answers my mails."),
                "a fragment joins the sentence after it");
        assertEquals(List.of("acme lost my whole thesis.", "gonna do it tonight fr. kill me."),
                SemanticFlags.sentences("acme lost my whole thesis. gonna do it tonight fr. kill me."),
                "lowercase posts split too, and a last fragment joins the sentence before it");
    }

    @Test
    void the_strongest_sentence_gives_the_flag_and_a_persons_no_on_the_post_stands() {
        Map<SensitiveFlag, SemanticFlags.Examples> despair = SemanticFlags.Examples.of(Map.of(SensitiveFlag.SELF_HARM, HOPELESS));
        String weaker = "Honestly I have been feeling hopeless since the sync ate my thesis draft in May.";
        String stronger = "Everything is hopeless after the data loss.";
        String post = "Ticket 4821, the fourth time I write about the invoice for our team plan. " + weaker
                + " The seat count has been wrong since April and nobody corrects it. " + stronger
                + " Please correct the seat count and refund the difference to the card on file.";
        SemanticFlags readWhole = flags(despair, 1.0, SemanticFlags.BySentence.NONE);
        double weakerScore = selfHarmScore(readWhole, weaker);
        double strongerScore = selfHarmScore(readWhole, stronger);
        double wholeScore = selfHarmScore(readWhole, post);
        assertTrue(wholeScore < weakerScore && weakerScore < strongerScore, wholeScore + " " + weakerScore + " " + strongerScore);
        SemanticFlags flags = flags(despair, (wholeScore + weakerScore) / 2,
                new SemanticFlags.BySentence(Set.of(SensitiveFlag.SELF_HARM), 30));

        assertEquals(strongerScore, flags.read(post).score().get(SensitiveFlag.SELF_HARM), 1e-9,
                "both sentences raise it; the post carries the stronger one, wherever it stands");

        flags.learn(post, SensitiveFlag.SELF_HARM, false);

        assertEquals(Set.of(), flags.read(post).flags(), "a person said this post is not self-harm: no sentence overrules that");
    }

    @Test
    void a_post_of_hundreds_of_sentences_costs_twenty_more_embeddings_its_first_and_last_ones() {
        java.util.concurrent.atomic.AtomicInteger embedded = new java.util.concurrent.atomic.AtomicInteger();
        TextEmbedder counting = new TextEmbedder() {
            @Override
            public float[] embed(String text) {
                embedded.incrementAndGet();
                return embedder.embed(text);
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                embedded.addAndGet(texts.size());
                return embedder.embedAll(texts);
            }
        };
        SemanticFlags flags = new SemanticFlags(counting, SemanticFlags.Examples.of(Map.of(SensitiveFlag.SELF_HARM,
                HOPELESS)), new SemanticFlags.Thresholds(0.5, Map.of(), 0, 0.5, Map.of(), 0,
                new SemanticFlags.BySentence(Set.of(SensitiveFlag.SELF_HARM), 30)), ordinary(ORDINARY));
        StringBuilder hostile = new StringBuilder();
        for (int i = 0; i < 500; i++) hostile.append("Sentence number ").append(i).append(" is here. ");

        embedded.set(0);
        flags.read(hostile.toString());

        assertEquals(1 + SemanticFlags.MAX_SENTENCES, embedded.get(), "the whole post, then some of its sentences");
        List<String> read = SemanticFlags.sentencesToRead(hostile.toString());
        assertEquals("Sentence number 0 is here.", read.get(0));
        assertEquals("Sentence number 490 is here.", read.get(SemanticFlags.MAX_SENTENCES / 2), "its first and last ones");
        assertEquals("Sentence number 499 is here.", read.get(read.size() - 1));
    }

    private static double selfHarmScore(SemanticFlags flags, String text) {
        return flags.read(text).score().get(SensitiveFlag.SELF_HARM);
    }

    private SemanticFlags flags(Map<SensitiveFlag, SemanticFlags.Examples> examples, double threshold,
                                SemanticFlags.BySentence bySentence) {
        return new SemanticFlags(embedder, examples, new SemanticFlags.Thresholds(threshold, Map.of(), 0, 0.5, Map.of(),
                0, bySentence), ordinary(ORDINARY));
    }

    @Test
    void an_unmistakable_phrase_stands_where_the_floor_overrules_a_plain_keyword() {
        Map<SensitiveFlag, SemanticFlags.Examples> accusations = SemanticFlags.Examples.of(Map.of(SensitiveFlag.FRAUD,
                List.of("you charged my card twice, this is fraud", "fraud, they took money after i cancelled",
                        "stole my money with a fake trial, pure fraud")));
        // A floor out of any score's reach: every plain fraud keyword is overruled.
        SemanticFlags floored = new SemanticFlags(embedder, accusations, new SemanticFlags.Thresholds(0.99, Map.of(), 0,
                0.5, Map.of(SensitiveFlag.FRAUD, 0.99)), ordinary(ORDINARY));
        TriageRules base = TriageFixtures.rules();
        TriageRules withPhrases = base.withKeywords(base.sensitiveKeywords(),
                Map.of(SensitiveFlag.FRAUD, List.of("acme is a fraud")));
        CarebotTriageEngine engine = new CarebotTriageEngine(withPhrases, TriageFixtures.personalData(),
                TriageFixtures.languages(), new KeywordIntentClassifier(withPhrases), floored);

        Triage plain = engine.triage(Post.ofText("x", "1", "is this text about a refund fraud or real?"));
        Triage accusation = engine.triage(Post.ofText("x", "2", "honestly Acme is a fraud, cancelled and still billed"));

        assertEquals(Set.of(), plain.sensitive(), "a plain keyword below the floor is overruled");
        assertTrue(plain.humanOnly(), "and a person still approves any reply");
        assertEquals(Set.of(SensitiveFlag.FRAUD), accusation.sensitive(), "the phrase accuses: no floor applies");
        assertTrue(accusation.humanOnly());
    }

    @Test
    void a_lesson_counts_at_once_even_where_only_a_retrained_model_would_reach_the_threshold() {
        Map<SensitiveFlag, SemanticFlags.Examples> despair = SemanticFlags.Examples.of(Map.of(SensitiveFlag.SELF_HARM, HOPELESS));
        // 0.9 is out of the similarity's reach in a half-and-half blend until the model has learned the lesson.
        SemanticFlags flags = new SemanticFlags(embedder, despair, new SemanticFlags.Thresholds(0.9, Map.of(), 0, 0.5,
                Map.of()), ordinary(ORDINARY));
        String missed = "nothing left for me here, the restore never came";

        flags.learn(missed, SensitiveFlag.SELF_HARM, true);

        assertEquals(Set.of(SensitiveFlag.SELF_HARM), flags.read(missed).flags());
    }

    @Test
    void a_model_weight_needs_ordinary_posts_to_learn_against() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SemanticFlags(embedder, examples, new SemanticFlags.Thresholds(0.45, Map.of(), 0, 0.5, Map.of())));
        assertTrue(e.getMessage().contains("needs ordinary posts"), e.getMessage());
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
