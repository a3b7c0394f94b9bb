package org.carebot.triage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Sensitive content found by resemblance: a post whose score reaches its flag's threshold gets the flag, unless one of
 * the flag's counter-examples (posts that sound like it and are not: "this outage is killing me") is closer than its
 * nearest example. Catches what keywords cannot (indirect self-harm language, a legal threat in other words) in every
 * language the examples cover. The score blends two readings, as intent does: the similarity to the flag's nearest
 * example, which mixes meaning (embeddings) with shared word pieces ({@link CharGramTable}) that carry the languages an
 * English sentence model reads poorly; and, by {@code modelWeight}, the likelihood from a model per flag trained on
 * all examples at once ({@link WordPieceRegression}): the flag's examples against its counter-examples, the other
 * flags' examples and ordinary posts.
 */
public final class SemanticFlags {

    /**
     * Flags whose keywords and patterns no score may overrule: self-harm language keeps a post from being suppressed
     * as spam, and personal data is found by patterns, not resemblance.
     */
    public static final Set<SensitiveFlag> KEYWORDS_ALWAYS_STAND =
            Set.of(SensitiveFlag.SELF_HARM, SensitiveFlag.PERSONAL_DATA);

    /**
     * The score a post must reach for a flag: one value, and flags that need their own (self-harm lower);
     * {@code surfaceWeight} is the share of shared word pieces in a similarity (0: meaning alone), {@code modelWeight}
     * the share of the flag models' likelihood in the score (0: the nearest example's similarity alone, no model);
     * {@code keywordFloor}, per flag, the score below which a keyword of that flag does not raise it (none: a keyword
     * always does); {@code modelFloor}, the likelihood a flag's model must give a post that raises the flag by its
     * score alone (0: none). Short everyday posts ("como compartilho uma pasta com meu time?") come close to some
     * example by their few common word pieces while the flag's model gives them next to nothing. {@code bySentence}
     * names the flags also read sentence by sentence in long posts.
     */
    public record Thresholds(double standard, Map<SensitiveFlag, Double> perFlag, double surfaceWeight,
                             double modelWeight, Map<SensitiveFlag, Double> keywordFloor, double modelFloor,
                             BySentence bySentence) {
        public Thresholds {
            bySentence = bySentence == null ? BySentence.NONE : bySentence;
            perFlag = perFlag == null ? Map.of() : Map.copyOf(perFlag);
            keywordFloor = keywordFloor == null ? Map.of() : Map.copyOf(keywordFloor);
            for (SensitiveFlag flag : KEYWORDS_ALWAYS_STAND) {
                if (keywordFloor.containsKey(flag)) throw new IllegalArgumentException(flag.key() + " keywords always stand");
            }
            if (surfaceWeight < 0 || surfaceWeight > 1) {
                throw new IllegalArgumentException("surfaceWeight must be between 0 and 1, got " + surfaceWeight);
            }
            if (modelWeight < 0 || modelWeight > 1) {
                throw new IllegalArgumentException("modelWeight must be between 0 and 1, got " + modelWeight);
            }
            if (modelFloor < 0 || modelFloor > 1) {
                throw new IllegalArgumentException("modelFloor must be between 0 and 1, got " + modelFloor);
            }
        }

        /** Every flag read over the whole post only. */
        public Thresholds(double standard, Map<SensitiveFlag, Double> perFlag, double surfaceWeight,
                          double modelWeight, Map<SensitiveFlag, Double> keywordFloor, double modelFloor) {
            this(standard, perFlag, surfaceWeight, modelWeight, keywordFloor, modelFloor, BySentence.NONE);
        }

        /** No floor under the flag models' likelihood. */
        public Thresholds(double standard, Map<SensitiveFlag, Double> perFlag, double surfaceWeight,
                          double modelWeight, Map<SensitiveFlag, Double> keywordFloor) {
            this(standard, perFlag, surfaceWeight, modelWeight, keywordFloor, 0);
        }

        /** Similarity alone, no model; keywords always stand. */
        public Thresholds(double standard, Map<SensitiveFlag, Double> perFlag, double surfaceWeight) {
            this(standard, perFlag, surfaceWeight, 0, Map.of());
        }

        public static Thresholds of(double standard) {
            return new Thresholds(standard, Map.of(), 0);
        }

        public double forFlag(SensitiveFlag flag) {
            return perFlag.getOrDefault(flag, standard);
        }
    }

    /**
     * Flags also read sentence by sentence in posts of {@code minWords} words or more: one sentence of despair inside a
     * long complaint about billing is diluted in the whole post's embedding and word pieces ("... 4) My landlord has
     * given notice. 5) I bought a rope yesterday. 6) Invoice numbers are ..."), and the model reads only a post's first
     * 128 word pieces. A sentence raises its flag as a post would, and the post then carries its strongest such
     * sentence's reading for that flag, unless a person said this very post is not of that flag. Each sentence costs
     * one more embedding.
     */
    public record BySentence(Set<SensitiveFlag> flags, int minWords) {
        public static final BySentence NONE = new BySentence(Set.of(), 1);

        public BySentence {
            flags = flags == null || flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
            if (minWords < 1) throw new IllegalArgumentException("minWords must be at least 1, got " + minWords);
        }
    }

    /**
     * A fragment like "Ok." or "Kill me." is too short to read alone: a piece of fewer words joins the sentence after
     * it (the last one joins the one before).
     */
    private static final int MIN_SENTENCE_WORDS = 3;
    /**
     * At most this many sentences of a post are read one by one, its first and its last half of them: each costs an
     * embedding, and a post of 20,000 characters can hold two thousand of them.
     */
    static final int MAX_SENTENCES = 20;
    /** Sentence ends: ., !, ?, … (and runs of them) before a space, and line breaks. Lowercase posts split too. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?\u2026])\\s+|\\R+");

    /**
     * The example posts of one flag; the posts that sound like it but are not (counter-examples), which the flag's
     * model also learns from; and lookalikes, posts about what the examples are about without what makes the flag
     * ("still waiting for a reply, nobody answers" beside self-harm examples about lost files and silent support).
     * A lookalike keeps the flag off a post nearer to it than to any example, as a counter-example does, but no model
     * learns from it: a handful of short posts retrained into the models moved their answers on other flags.
     */
    public record Examples(List<String> posts, List<String> counterPosts, List<String> lookalikes) {
        public Examples {
            posts = List.copyOf(posts);
            counterPosts = counterPosts == null ? List.of() : List.copyOf(counterPosts);
            lookalikes = lookalikes == null ? List.of() : List.copyOf(lookalikes);
        }

        public Examples(List<String> posts, List<String> counterPosts) {
            this(posts, counterPosts, List.of());
        }

        public static Map<SensitiveFlag, Examples> of(Map<SensitiveFlag, List<String>> posts) {
            Map<SensitiveFlag, Examples> examples = new EnumMap<>(SensitiveFlag.class);
            posts.forEach((flag, list) -> examples.put(flag, new Examples(list, List.of())));
            return examples;
        }
    }

    /**
     * The flags a post earned; per flag, the score compared with its threshold, the similarity to the nearest example
     * and to the nearest counter-example (-1 without any), and the flag model's likelihood (none without a model, or
     * when the nearest example is a person's lesson: what a person taught counts as taught); and how close it came in
     * meaning alone to any example, for the auto-reply safety margin.
     */
    public record Reading(Set<SensitiveFlag> flags, Map<SensitiveFlag, Double> score,
                          Map<SensitiveFlag, Double> similarity, Map<SensitiveFlag, Double> counterSimilarity,
                          Map<SensitiveFlag, Double> likelihood, double closestMeaning) {
        public Reading {
            flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
            score = Map.copyOf(score);
            similarity = Map.copyOf(similarity);
            counterSimilarity = Map.copyOf(counterSimilarity);
            likelihood = Map.copyOf(likelihood);
        }

        static Reading nothing() {
            return new Reading(Set.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0);
        }

        /**
         * Whether the flag's model gives the post at least {@code floor}; true without a floor, without a model, or
         * when the post's nearest example is a person's lesson.
         */
        public boolean modelAgrees(SensitiveFlag flag, double floor) {
            return SemanticFlags.modelAgrees(likelihood, flag, floor);
        }

        /** Whether a counter-example came closer to the post than the flag's nearest example: that vetoes the flag. */
        public boolean counterCloser(SensitiveFlag flag) {
            return SemanticFlags.counterCloser(similarity, counterSimilarity, flag);
        }

        /**
         * This reading of a whole post with what its sentences raised: for each of {@code flags} the post did not raise
         * itself (and {@code vetoed} does not hold), the strongest sentence that raised it gives the flag, its score
         * and what made it; the closeness to any example is the closest of all.
         */
        Reading withSentences(List<Reading> sentences, Set<SensitiveFlag> flags, Predicate<SensitiveFlag> vetoed) {
            Map<SensitiveFlag, Reading> strongest = new EnumMap<>(SensitiveFlag.class);
            double closestOfAll = closestMeaning;
            for (Reading sentence : sentences) {
                closestOfAll = Math.max(closestOfAll, sentence.closest());
                for (SensitiveFlag flag : flags) {
                    if (this.flags.contains(flag) || !sentence.flags().contains(flag) || vetoed.test(flag)) continue;
                    Reading best = strongest.get(flag);
                    if (best == null || sentence.score().get(flag) > best.score().get(flag)) strongest.put(flag, sentence);
                }
            }
            Set<SensitiveFlag> allFlags = EnumSet.noneOf(SensitiveFlag.class);
            allFlags.addAll(this.flags);
            allFlags.addAll(strongest.keySet());
            return new Reading(allFlags, replaced(score, strongest, Reading::score),
                    replaced(similarity, strongest, Reading::similarity),
                    replaced(counterSimilarity, strongest, Reading::counterSimilarity),
                    replaced(likelihood, strongest, Reading::likelihood), closestOfAll);
        }

        private static Map<SensitiveFlag, Double> replaced(Map<SensitiveFlag, Double> values,
                                                           Map<SensitiveFlag, Reading> by,
                                                           Function<Reading, Map<SensitiveFlag, Double>> of) {
            Map<SensitiveFlag, Double> result = new EnumMap<>(SensitiveFlag.class);
            result.putAll(values);
            by.forEach((flag, sentence) -> {
                result.remove(flag);
                Double value = of.apply(sentence).get(flag);
                if (value != null) result.put(flag, value);
            });
            return result;
        }

        /** How close the post came in meaning to an example of any flag; 0 without examples. */
        public double closest() {
            return closestMeaning;
        }
    }

    /**
     * Which flag a row of the tables belongs to, whether it is a counter-example, whether a person taught it
     * ({@code learned}), and whether the flag models learn from it (not from lookalikes).
     */
    private record Row(SensitiveFlag flag, boolean counter, String text, float[] vector, boolean learned,
                       boolean trains) {
        static Row of(Lesson lesson, float[] vector, boolean learned) {
            return new Row(lesson.flag(), !lesson.sensitive(), lesson.text(), vector, learned, true);
        }

        static Row lookalike(SensitiveFlag flag, String text, float[] vector) {
            return new Row(flag, true, text, vector, false, false);
        }
    }

    /**
     * The rows, their two tables and the flag models, replaced whole when a person teaches a new example. The models
     * may be older than the rows: they retrain in the background while the tables already answer with the new row.
     */
    private record Snapshot(List<Row> rows, VectorTable meaning, CharGramTable surface,
                            Map<SensitiveFlag, WordPieceRegression> models, List<Row> modelsLearned) {
        static Snapshot of(List<Row> rows, Map<SensitiveFlag, WordPieceRegression> models, List<Row> modelsLearned) {
            return new Snapshot(rows, new VectorTable(rows.stream().map(Row::vector).toList()),
                    new CharGramTable(rows.stream().map(Row::text).toList()), models, modelsLearned);
        }

        Snapshot withModels(Map<SensitiveFlag, WordPieceRegression> trained, List<Row> learned) {
            return new Snapshot(rows, meaning, surface, trained, learned);
        }
    }

    /** A flag model's answer: class 1 is the flag. */
    private static final int FLAGGED = 1;
    private static final double[] NO_EXTRA_FEATURES = new double[0];

    private final TextEmbedder embedder;
    private final Thresholds thresholds;
    private final List<ExampleIndex.Example> ordinaryPosts;
    private volatile Snapshot snapshot;
    private final BackgroundTraining retraining;

    /** Similarity alone: {@code thresholds.modelWeight()} must be 0. */
    public SemanticFlags(TextEmbedder embedder, Map<SensitiveFlag, Examples> examples, Thresholds thresholds) {
        this(embedder, examples, thresholds, List.of());
    }

    /**
     * @param ordinaryPosts posts written for other purposes (the config's intent examples, already embedded): with
     *                      the other flags' examples and the counter-examples, what each flag model learns to tell its
     *                      flag from. A few carry a flag all the same ("my lawyer gets cc'd on the next email" is a
     *                      billing example); leaving out those with a flag's keywords was measured worse (QUALITY.md),
     *                      as they also teach that "which plan has fraud detection?" is no accusation.
     */
    public SemanticFlags(TextEmbedder embedder, Map<SensitiveFlag, Examples> examples, Thresholds thresholds,
                         List<ExampleIndex.Example> ordinaryPosts) {
        if (thresholds.modelWeight() > 0 && ordinaryPosts.isEmpty() && !examples.isEmpty()) {
            throw new IllegalArgumentException("a model weight of " + thresholds.modelWeight() + " needs ordinary posts");
        }
        this.embedder = embedder;
        this.thresholds = thresholds;
        this.ordinaryPosts = List.copyOf(ordinaryPosts);
        List<Lesson> written = new ArrayList<>();
        List<Lesson> lookalikes = new ArrayList<>();
        examples.forEach((flag, set) -> {
            for (String post : set.posts()) written.add(new Lesson(post, flag, true));
            for (String post : set.counterPosts()) written.add(new Lesson(post, flag, false));
            for (String post : set.lookalikes()) lookalikes.add(new Lesson(post, flag, false));
        });
        List<Lesson> all = new ArrayList<>(written);
        all.addAll(lookalikes);
        List<float[]> vectors = all.isEmpty() ? List.of() : embedder.embedAll(all.stream().map(Lesson::text).toList());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) rows.add(Row.of(written.get(i), vectors.get(i), false));
        for (int i = 0; i < lookalikes.size(); i++) {
            Lesson lookalike = lookalikes.get(i);
            rows.add(Row.lookalike(lookalike.flag(), lookalike.text(), vectors.get(written.size() + i)));
        }
        List<Row> frozen = List.copyOf(rows);
        this.snapshot = Snapshot.of(frozen, trainModels(frozen), frozen);
        this.retraining = new BackgroundTraining("sensitive-flag", this::retrainModels, () -> !modelsUpToDate());
    }

    /**
     * Whether a keyword of the flag found in the post stands: the post's score for the flag reaches the flag's keyword
     * floor. Most flags have none, and a keyword always stands; fraud words are as common in questions about fraud
     * protection as in accusations, and there the flag's model may overrule them.
     */
    public boolean keywordStands(Reading reading, SensitiveFlag flag) {
        return keywordStands(reading, flag, thresholds.keywordFloor().getOrDefault(flag, 0.0));
    }

    /** The same for a given floor: a flag without a score (no examples) keeps its keywords. */
    public static boolean keywordStands(Reading reading, SensitiveFlag flag, double floor) {
        return floor <= 0 || reading.score().getOrDefault(flag, 1.0) >= floor;
    }

    /** Flags nothing: for the keyword engine. */
    public static SemanticFlags none() {
        return new SemanticFlags(texts -> List.of(), Map.of(), Thresholds.of(1.0));
    }

    /**
     * A person said this text is (or, with {@code sensitive} false, is not) of this flag: it becomes one of the flag's
     * examples or counter-examples, and the next similar post is read with it at once. Rebuilding the word-piece
     * table takes some milliseconds; it happens at a person's pace, not per post.
     */
    public synchronized void learn(String text, SensitiveFlag flag, boolean sensitive) {
        learnAll(List.of(new Lesson(text, flag, sensitive)));
    }

    /** What a person (or the config) says of one text and one flag: an example, or with sensitive false a counter-example. */
    public record Lesson(String text, SensitiveFlag flag, boolean sensitive) {
    }

    /** Several lessons in one rebuild: the labels stored by people, at start. */
    public synchronized void learnAll(List<Lesson> lessons) {
        if (lessons.isEmpty()) return;
        List<float[]> vectors = embedder.embedAll(lessons.stream().map(Lesson::text).toList());
        List<Row> rows = new ArrayList<>(snapshot.rows());
        for (int i = 0; i < lessons.size(); i++) {
            Lesson lesson = lessons.get(i);
            // The latest word on a text and a flag stands: "is self-harm", then "is not", leaves only the "is not".
            rows.removeIf(row -> row.learned() && row.flag() == lesson.flag() && row.text().equals(lesson.text()));
            rows.add(Row.of(lesson, vectors.get(i), true));
        }
        snapshot = Snapshot.of(List.copyOf(rows), snapshot.models(), snapshot.modelsLearned());
        if (thresholds.modelWeight() > 0) retraining.request();
    }

    /** True when the flag models have learned every example and counter-example (always, without models). */
    public boolean modelsUpToDate() {
        Snapshot current = snapshot;
        return thresholds.modelWeight() == 0 || current.modelsLearned() == current.rows();
    }

    /** Trains the flag models on the rows as they are now (lessons come at a person's pace, on a thread of their own). */
    private void retrainModels() {
        List<Row> trainedOn = snapshot.rows();
        Map<SensitiveFlag, WordPieceRegression> models = trainModels(trainedOn);
        synchronized (this) {
            snapshot = snapshot.withModels(models, trainedOn);
        }
    }

    /**
     * Per flag with examples, a model of that flag against everything else: its counter-examples, the other flags'
     * examples (unless the same text is also one of its own) and the ordinary posts. None without a model weight.
     * The flags train in parallel: at start this is a second or more of a single core's time.
     */
    private Map<SensitiveFlag, WordPieceRegression> trainModels(List<Row> rows) {
        Map<SensitiveFlag, WordPieceRegression> models = new EnumMap<>(SensitiveFlag.class);
        if (thresholds.modelWeight() == 0) return models;
        // Every model learns from the same texts: their word pieces are extracted once, not once per flag.
        Map<String, WordPieceRegression.Pieces> pieces = new HashMap<>();
        for (Row row : rows) if (row.trains()) pieces.computeIfAbsent(row.text(), WordPieceRegression::pieces);
        for (ExampleIndex.Example post : ordinaryPosts) pieces.computeIfAbsent(post.text(), WordPieceRegression::pieces);
        List<SensitiveFlag> withExamples = rows.stream().filter(row -> !row.counter()).map(Row::flag).distinct().toList();
        withExamples.parallelStream().map(flag -> Map.entry(flag, trainModel(flag, rows, pieces))).toList()
                .forEach(trained -> models.put(trained.getKey(), trained.getValue()));
        return models;
    }

    private WordPieceRegression trainModel(SensitiveFlag flag, List<Row> rows,
                                           Map<String, WordPieceRegression.Pieces> pieces) {
        Set<String> flagged = new HashSet<>();
        for (Row row : rows) if (row.flag() == flag && !row.counter()) flagged.add(row.text());
        List<WordPieceRegression.Sample> samples = new ArrayList<>();
        for (Row row : rows) {
            if (!row.trains()) continue;
            boolean positive = row.flag() == flag && !row.counter();
            if (positive || !flagged.contains(row.text())) {
                samples.add(sample(row.vector(), pieces.get(row.text()), positive));
            }
        }
        for (ExampleIndex.Example post : ordinaryPosts) {
            if (!flagged.contains(post.text())) samples.add(sample(post.vector(), pieces.get(post.text()), false));
        }
        return WordPieceRegression.train(samples, 2, RegressionTraining.DEFAULT);
    }

    private static WordPieceRegression.Sample sample(float[] vector, WordPieceRegression.Pieces pieces, boolean flagged) {
        return new WordPieceRegression.Sample(vector, pieces, NO_EXTRA_FEATURES, flagged ? FLAGGED : 0);
    }

    /**
     * The flags a post earns by resemblance: read whole, and for the flags {@link BySentence} names, a long post also
     * sentence by sentence. Every part is read against the same snapshot.
     */
    public Reading read(String text) {
        Snapshot current = snapshot;
        Reading whole = read(current, text);
        BySentence bySentence = thresholds.bySentence();
        if (bySentence.flags().isEmpty() || words(text) < bySentence.minWords()) return whole;
        List<String> sentences = sentencesToRead(text);
        if (sentences.size() < 2) return whole;
        List<Reading> parts = new ArrayList<>(sentences.size());
        for (String sentence : sentences) parts.add(read(current, sentence));
        return whole.withSentences(parts, bySentence.flags(), flag -> personSaidNot(current, text, flag));
    }

    /** Whether a person said this very text is not of the flag: its sentences may not say otherwise. */
    private static boolean personSaidNot(Snapshot current, String text, SensitiveFlag flag) {
        for (Row row : current.rows()) {
            if (row.learned() && row.counter() && row.flag() == flag && row.text().equals(text)) return true;
        }
        return false;
    }

    /**
     * How many words a text has: runs of characters between whitespace. Counted in one pass: this runs for every post,
     * and {@code split("\\s+")} compiled a pattern and built an array each time.
     */
    private static int words(String text) {
        String trimmed = text.strip();
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < trimmed.length(); i++) {
            boolean space = isRegexSpace(trimmed.charAt(i));
            if (!space && !inWord) words++;
            inWord = !space;
        }
        return words;
    }

    /** The characters {@code \\s} matches (ASCII whitespace), which the count splits at, as it always did. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** The sentences read one by one: all of them, or the first and the last {@link #MAX_SENTENCES} / 2. */
    static List<String> sentencesToRead(String text) {
        List<String> sentences = sentences(text);
        if (sentences.size() <= MAX_SENTENCES) return sentences;
        List<String> read = new ArrayList<>(sentences.subList(0, MAX_SENTENCES / 2));
        read.addAll(sentences.subList(sentences.size() - MAX_SENTENCES / 2, sentences.size()));
        return read;
    }

    /** A text's sentences, a piece of fewer than {@link #MIN_SENTENCE_WORDS} words joined to its neighbour. */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        String pending = "";
        for (String piece : SENTENCE_END.split(text.strip())) {
            String sentence = pending.isEmpty() ? piece.strip() : pending + " " + piece.strip();
            if (words(sentence) < MIN_SENTENCE_WORDS) {
                pending = sentence;
            } else {
                sentences.add(sentence);
                pending = "";
            }
        }
        if (!pending.isBlank()) {
            if (sentences.isEmpty()) sentences.add(pending);
            else sentences.set(sentences.size() - 1, sentences.get(sentences.size() - 1) + " " + pending);
        }
        return sentences;
    }

    private Reading read(Snapshot current, String text) {
        List<Row> rows = current.rows();
        if (rows.isEmpty()) return Reading.nothing();
        float[] vector = embedder.embed(text);
        float[] byMeaning = current.meaning().dot(vector);
        double weight = thresholds.surfaceWeight();
        float[] bySurface = weight > 0 ? current.surface().similarities(text) : null;
        // Per flag, by ordinal: a map merge per row boxed a double for each of about 800 rows.
        double[] nearestByFlag = new double[SensitiveFlag.values().length];
        double[] nearestCounterByFlag = new double[nearestByFlag.length];
        Row[] nearestRowByFlag = new Row[nearestByFlag.length];
        java.util.Arrays.fill(nearestByFlag, Double.NaN);
        java.util.Arrays.fill(nearestCounterByFlag, Double.NaN);
        double closestMeaning = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double similarity = bySurface == null ? byMeaning[i] : (1 - weight) * byMeaning[i] + weight * bySurface[i];
            double[] nearestOfKind = row.counter() ? nearestCounterByFlag : nearestByFlag;
            int flag = row.flag().ordinal();
            if (Double.isNaN(nearestOfKind[flag]) || similarity > nearestOfKind[flag]) {
                nearestOfKind[flag] = similarity;
                if (!row.counter()) nearestRowByFlag[flag] = row;
            }
            if (!row.counter()) closestMeaning = Math.max(closestMeaning, byMeaning[i]);
        }
        Map<SensitiveFlag, Double> nearest = byFlag(nearestByFlag);
        Map<SensitiveFlag, Double> nearestCounter = byFlag(nearestCounterByFlag);
        Map<SensitiveFlag, Double> likelihoods = new EnumMap<>(SensitiveFlag.class);
        Map<SensitiveFlag, Double> scores = scores(current, nearest, nearestRowByFlag, vector, text, likelihoods);
        Set<SensitiveFlag> flags = EnumSet.noneOf(SensitiveFlag.class);
        scores.forEach((flag, score) -> {
            if (score >= thresholds.forFlag(flag) && !counterCloser(nearest, nearestCounter, flag)
                    && modelAgrees(likelihoods, flag, thresholds.modelFloor())) {
                flags.add(flag);
            }
        });
        return new Reading(flags, scores, nearest, nearestCounter, likelihoods, closestMeaning);
    }

    private static boolean modelAgrees(Map<SensitiveFlag, Double> likelihoods, SensitiveFlag flag, double floor) {
        return floor <= 0 || likelihoods.getOrDefault(flag, 1.0) >= floor;
    }

    private static boolean counterCloser(Map<SensitiveFlag, Double> nearest, Map<SensitiveFlag, Double> nearestCounter,
                                         SensitiveFlag flag) {
        Double similarity = nearest.get(flag);
        return similarity != null && nearestCounter.getOrDefault(flag, -1.0) > similarity;
    }

    /**
     * Per flag, the nearest example's similarity blended with the flag model's likelihood, where there is a model.
     * When the nearest example is a lesson the models have not learned yet, its similarity alone counts if higher:
     * a person's lesson counts at once, not after the next training. Each model's likelihood goes into
     * {@code likelihoods}, except where the nearest example is a person's lesson, learned by the models or not.
     */
    private Map<SensitiveFlag, Double> scores(Snapshot current, Map<SensitiveFlag, Double> nearest, Row[] nearestRows,
                                              float[] vector, String text, Map<SensitiveFlag, Double> likelihoods) {
        if (current.models().isEmpty()) return nearest;
        double weight = thresholds.modelWeight();
        WordPieceRegression.Pieces pieces = WordPieceRegression.pieces(text);
        Map<SensitiveFlag, Double> scores = new EnumMap<>(SensitiveFlag.class);
        nearest.forEach((flag, similarity) -> {
            WordPieceRegression model = current.models().get(flag);
            double likelihood = model == null ? Double.NaN
                    : model.probabilities(vector, pieces, NO_EXTRA_FEATURES)[FLAGGED];
            double score = model == null ? similarity : (1 - weight) * similarity + weight * likelihood;
            Row nearestRow = nearestRows[flag.ordinal()];
            boolean lesson = nearestRow != null && nearestRow.learned();
            if (lesson && !learnedByModels(current, nearestRow)) score = Math.max(score, similarity);
            if (!lesson && model != null) likelihoods.put(flag, likelihood);
            scores.put(flag, score);
        });
        return scores;
    }

    private static boolean learnedByModels(Snapshot current, Row row) {
        if (current.modelsLearned() == current.rows()) return true;
        for (Row learned : current.modelsLearned()) if (learned == row) return true;
        return false;
    }

    private static Map<SensitiveFlag, Double> byFlag(double[] values) {
        Map<SensitiveFlag, Double> map = new EnumMap<>(SensitiveFlag.class);
        for (SensitiveFlag flag : SensitiveFlag.values()) {
            if (!Double.isNaN(values[flag.ordinal()])) map.put(flag, values[flag.ordinal()]);
        }
        return map;
    }
}
