package org.carebot.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.config.TriageSetup;
import org.carebot.bot.intake.TriageKit;
import org.carebot.triage.CarebotTriageEngine;
import org.carebot.triage.ExampleIndex;
import org.carebot.triage.LanguageGuess;
import org.carebot.triage.Post;
import org.carebot.triage.SemanticFlags;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.TextEmbedder;
import org.carebot.triage.TriageRules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks each sensitive flag's threshold on one half of the dev set (even lines) and reports it on the other half (odd
 * lines). A post has a flag when a keyword or pattern finds it, or when its score for the flag (the nearest example's
 * similarity blended with the flag model's likelihood) reaches the threshold. The pick is the highest recall whose
 * precision stays at 0.80 (then, for flags where recall comes first, 0.50) or more on the tuning half; failing that,
 * the best F2 (recall weighs twice). A counter-example closer than the nearest example vetoes the flag. Each setting
 * ends with a summary of the tuning half, which is what chooses between settings: the mean F1 at the picks (mean recall
 * alone would favour a flag that never reaches the precision asked); then, per flag, what a keyword floor would do
 * (triage.sensitive_keyword_floor_by_flag: below it, the flag's score overrules its keywords); and every flag at its
 * configured threshold, which the picks only advise. Run:
 * {@code mvn -P quality verify -pl bot -Dquality.main=FlagTuning [-Dquality.args="0.5,0.65 0,0.5"]} (surface weights,
 * then model weights to try; the configured ones by default); {@code probes} among the arguments adds the
 * {@link Probes}, split into halves the same way: a file's posts count for its flag alone, or for every flag when
 * they should raise none.
 */
public final class FlagTuning {

    /** The argument that adds the {@link Probes} to the dev set: even lines to the tuning half, odd to the held-out. */
    private static final String PROBES = "probes";

    /**
     * A post's labels, what keywords and unmistakable phrases found in it, and its reading; {@code labeledFor}, the
     * flags its labels speak for: all of them for the dev set and posts that should raise none, only its file's flag
     * for a probe that should raise one (an accusation of fraud may also threaten to sue; nobody said whether it does).
     */
    private record Scored(Set<String> expected, Set<SensitiveFlag> labeledFor, Set<SensitiveFlag> byKeyword,
                          Set<SensitiveFlag> byUnmistakable, SemanticFlags.Reading reading) {
    }

    private static final Set<SensitiveFlag> EVERY_FLAG = Set.of(SensitiveFlag.values());

    /** What reads a post for the sweep: keywords alone, unmistakable phrases alone, and resemblance without thresholds. */
    private record Readers(CarebotTriageEngine keywordsOnly, CarebotTriageEngine unmistakableOnly,
                           SemanticFlags resemblance) {
        Scored score(String text, Set<String> expected, Set<SensitiveFlag> labeledFor) {
            Post post = Post.ofText("x", "t", text);
            return new Scored(expected, labeledFor, keywordsOnly.triage(post).sensitive(),
                    unmistakableOnly.triage(post).sensitive(), resemblance.read(text));
        }
    }

    public static void main(String[] args) throws Exception {
        CarebotConfig config = new ConfigLoader(Map.of()).load(Path.of("..", "config", "carebot.yml"));
        configuredModelFloor = config.triage().sensitiveModelFloor();
        TriageKit kit = TriageKit.build(config);
        TextEmbedder embedder = kit.embedder().orElseThrow();
        TriageRules rules = TriageSetup.rules(config);
        CarebotTriageEngine keywordsOnly = new CarebotTriageEngine(rules.withKeywords(rules.sensitiveKeywords(), Map.of()),
                kit.personalData(), new LanguageGuess(config.languages()));
        // Personal data is found here too; only the other flags are read from this engine.
        CarebotTriageEngine unmistakableOnly = new CarebotTriageEngine(
                rules.withKeywords(Map.of(), rules.unmistakableKeywords()), kit.personalData(),
                new LanguageGuess(config.languages()));
        List<JsonNode> all = QualityReport.devset();
        // Maven passes -Dquality.args as one argument: its words are split here.
        List<String> words = Arrays.stream(String.join(" ", args).trim().split("\\s+"))
                .filter(word -> !word.isBlank()).toList();
        boolean withProbes = words.contains(PROBES);
        List<String> weightLists = words.stream().filter(word -> !word.equals(PROBES)).toList();
        double[] surfaceWeights = weights(weightLists, 0, config.triage().sensitiveSurfaceWeight());
        double[] modelWeights = weights(weightLists, 1, config.triage().sensitiveModelWeight());
        List<ExampleIndex.Example> ordinaryPosts = new ArrayList<>();
        config.intentNames().forEach(intent -> ordinaryPosts.addAll(kit.examples().examples(intent)));
        for (double surfaceWeight : surfaceWeights) for (double modelWeight : modelWeights) {
            Readers readers = new Readers(keywordsOnly, unmistakableOnly, new SemanticFlags(embedder,
                    TriageKit.sensitiveExamples(config),
                    new SemanticFlags.Thresholds(1.0, Map.of(), surfaceWeight, modelWeight, Map.of()), ordinaryPosts));
            List<Scored> tune = new ArrayList<>();
            List<Scored> holdout = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Set<String> expected = new HashSet<>();
                all.get(i).get("flags").forEach(f -> expected.add(f.asText()));
                (i % 2 == 0 ? tune : holdout).add(readers.score(all.get(i).get("text").asText(), expected, EVERY_FLAG));
            }
            if (withProbes) {
                for (Probes.ProbeFile file : Probes.ALL) {
                    List<String> posts = file.posts();
                    Set<String> expected = file.flag().map(flag -> Set.of(flag.key())).orElse(Set.of());
                    Set<SensitiveFlag> labeledFor = file.flag().map(Set::of).orElse(EVERY_FLAG);
                    for (int i = 0; i < posts.size(); i++) {
                        (i % 2 == 0 ? tune : holdout).add(readers.score(posts.get(i), expected, labeledFor));
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%nSurface weight %.2f, model weight %.2f (counter-examples: %d)%s%n",
                    surfaceWeight, modelWeight, config.sensitiveCounterExamples().values().stream().mapToInt(List::size)
                            .sum(), withProbes ? "; the probes' even lines join the tuning half, odd lines the held-out"
                            : "");
            System.out.printf(Locale.ROOT, "%-15s %9s  %-33s %-22s %-22s%n", "flag", "threshold",
                    "keywords only (tuning / held-out)", "tuning half", "held-out half");
            for (double floor : new double[]{0.80, 0.50}) {
                System.out.printf(Locale.ROOT, "Most recall at precision %.2f or more on the tuning half:%n", floor);
                double f1Sum = 0;
                int flags = 0;
                int met = 0;
                for (SensitiveFlag flag : SensitiveFlag.values()) {
                    if (flag == SensitiveFlag.PERSONAL_DATA) continue;
                    double keywordFloor = config.triage().sensitiveKeywordFloorByFlag().getOrDefault(flag, 0.0);
                    Pick picked = pick(flag, floor, keywordFloor, tune, holdout);
                    print(flag, picked, tune, holdout, keywordFloor);
                    f1Sum += f1(picked.tuning());
                    flags++;
                    if (picked.tuning()[0] >= 0.80 && picked.tuning()[1] >= 0.95) met++;
                }
                System.out.printf(Locale.ROOT, "  tuning half: mean F1 %.3f; %d of %d flags at precision 0.80 and "
                        + "recall 0.95%n", f1Sum / flags, met, flags);
            }
            System.out.println("At the configured thresholds (triage.sensitive_similarity_by_flag): tuning half / held-out half");
            SemanticFlags.Thresholds configured = TriageKit.flagThresholds(config.triage());
            for (SensitiveFlag flag : SensitiveFlag.values()) {
                if (flag == SensitiveFlag.PERSONAL_DATA) continue;
                double threshold = configured.forFlag(flag);
                double keywordFloor = configured.keywordFloor().getOrDefault(flag, 0.0);
                double[] tuning = precisionRecall(tune, flag, threshold, keywordFloor);
                double[] heldOut = precisionRecall(holdout, flag, threshold, keywordFloor);
                System.out.printf(Locale.ROOT, "%-15s %9.3f  P %.2f R %.2f / P %.2f R %.2f%n", flag.key(), threshold,
                        tuning[0], tuning[1], heldOut[0], heldOut[1]);
            }
            System.out.println("Model floors (a flag raised by its score alone needs its model's likelihood at this or "
                    + "more), at the configured thresholds: tuning half P, R / held-out P, R");
            for (SensitiveFlag flag : SensitiveFlag.values()) {
                if (flag == SensitiveFlag.PERSONAL_DATA) continue;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-15s", flag.key()));
                for (double modelFloor : new double[]{0, 0.02, 0.05, 0.10, 0.15}) {
                    double threshold = configured.forFlag(flag);
                    double keywordFloor = configured.keywordFloor().getOrDefault(flag, 0.0);
                    double[] tuning = precisionRecall(tune, flag, threshold, keywordFloor, modelFloor);
                    double[] heldOut = precisionRecall(holdout, flag, threshold, keywordFloor, modelFloor);
                    line.append(String.format(Locale.ROOT, "  %.2f: %.2f, %.2f / %.2f, %.2f", modelFloor, tuning[0],
                            tuning[1], heldOut[0], heldOut[1]));
                }
                System.out.println(line);
            }
            System.out.println("Keyword floors (a keyword counts only at this score or more), each with its threshold "
                    + "re-picked at precision 0.80: tuning half F1 / held-out P, R");
            for (SensitiveFlag flag : SensitiveFlag.values()) {
                if (flag == SensitiveFlag.PERSONAL_DATA || flag == SensitiveFlag.SELF_HARM) continue;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-15s", flag.key()));
                for (double keywordFloor : new double[]{0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30}) {
                    Pick picked = pick(flag, 0.80, keywordFloor, tune, holdout);
                    line.append(String.format(Locale.ROOT, "  %.2f: %.3f / %.2f, %.2f", keywordFloor,
                            f1(picked.tuning()), picked.heldOut()[0], picked.heldOut()[1]));
                }
                System.out.println(line);
            }
        }
    }

    /** A flag's threshold picked on the tuning half, with precision and recall on both halves. */
    private record Pick(double threshold, double[] tuning, double[] heldOut) {
    }

    private static double f1(double[] pr) {
        return pr[0] + pr[1] == 0 ? 0 : 2 * pr[0] * pr[1] / (pr[0] + pr[1]);
    }

    /** The weights in the list at this position of the arguments, or the configured one. */
    private static double[] weights(List<String> lists, int position, double configured) {
        if (lists.size() <= position) return new double[]{configured};
        return Arrays.stream(lists.get(position).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static Pick pick(SensitiveFlag flag, double precisionFloor, double keywordFloor, List<Scored> tune,
                             List<Scored> holdout) {
        double pick = 1.0;
        double pickRecall = -1;
        double pickF2 = -1;
        boolean pickMeetsPrecision = false;
        for (double threshold = 0.05; threshold <= 0.901; threshold += 0.025) {
            double[] pr = precisionRecall(tune, flag, threshold, keywordFloor);
            boolean meets = pr[0] >= precisionFloor;
            double f2 = f2(pr);
            boolean better = meets ? (!pickMeetsPrecision || pr[1] > pickRecall)
                    : (!pickMeetsPrecision && f2 > pickF2);
            if (better) {
                pick = threshold;
                pickRecall = pr[1];
                pickF2 = f2;
                pickMeetsPrecision = meets;
            }
        }
        return new Pick(pick, precisionRecall(tune, flag, pick, keywordFloor),
                precisionRecall(holdout, flag, pick, keywordFloor));
    }

    private static void print(SensitiveFlag flag, Pick picked, List<Scored> tune, List<Scored> holdout,
                              double keywordFloor) {
        double[] keywordsTune = precisionRecall(tune, flag, 2.0, 0);
        double[] keywords = precisionRecall(holdout, flag, 2.0, 0);
        System.out.printf(Locale.ROOT, "%-15s %9.3f  P %.2f R %.2f / P %.2f R %.2f   P %.2f R %.2f            "
                + "P %.2f R %.2f%n", flag.key(), picked.threshold(), keywordsTune[0], keywordsTune[1], keywords[0],
                keywords[1], picked.tuning()[0], picked.tuning()[1], picked.heldOut()[0], picked.heldOut()[1]);
    }

    /**
     * Precision and recall of "an unmistakable phrase, a keyword at a score of {@code keywordFloor} or more, or a score
     * of {@code threshold} with the flag's model at {@code modelFloor} or more" (the configured floor unless a sweep
     * sets another).
     */
    private static double[] precisionRecall(List<Scored> items, SensitiveFlag flag, double threshold,
                                            double keywordFloor) {
        return precisionRecall(items, flag, threshold, keywordFloor, configuredModelFloor);
    }

    private static double configuredModelFloor;

    private static double[] precisionRecall(List<Scored> items, SensitiveFlag flag, double threshold,
                                            double keywordFloor, double modelFloor) {
        int truePositive = 0;
        int falsePositive = 0;
        int falseNegative = 0;
        for (Scored item : items) {
            if (!item.labeledFor().contains(flag)) continue;
            boolean want = item.expected().contains(flag.key());
            double score = item.reading().score().getOrDefault(flag, 0.0);
            boolean keywordStands = item.byKeyword().contains(flag)
                    && SemanticFlags.keywordStands(item.reading(), flag, keywordFloor);
            boolean byScore = score >= threshold && !item.reading().counterCloser(flag)
                    && item.reading().modelAgrees(flag, modelFloor);
            boolean got = item.byUnmistakable().contains(flag) || keywordStands || byScore;
            if (want && got) truePositive++;
            if (!want && got) falsePositive++;
            if (want && !got) falseNegative++;
        }
        double precision = truePositive + falsePositive == 0 ? 1 : (double) truePositive / (truePositive + falsePositive);
        double recall = truePositive + falseNegative == 0 ? 1 : (double) truePositive / (truePositive + falseNegative);
        return new double[]{precision, recall};
    }

    private static double f2(double[] pr) {
        return pr[0] + pr[1] == 0 ? 0 : 5 * pr[0] * pr[1] / (4 * pr[0] + pr[1]);
    }
}
