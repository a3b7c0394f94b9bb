package org.carebot.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.config.TriageSetup;
import org.carebot.bot.intake.TriageKit;
import org.carebot.triage.CarebotTriageEngine;
import org.carebot.triage.LanguageGuess;
import org.carebot.triage.Post;
import org.carebot.triage.SemanticFlags;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.TextEmbedder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks each sensitive flag's similarity threshold on one half of the dev set (even lines) and reports it on the
 * other half (odd lines). A post has a flag when a keyword or pattern finds it, or when it is at least the threshold
 * alike to one of the flag's examples. The pick is the highest recall whose precision stays at 0.80 (then, for flags
 * where recall comes first, 0.50) or more on the tuning half; failing that, the best F2 (recall weighs twice). A
 * counter-example closer than the nearest example vetoes the flag. Run:
 * {@code mvn -P quality verify -pl bot -Dquality.main=FlagTuning [-Dquality.args=0,0.35,0.5]} (surface weights to try;
 * the configured one by default).
 */
public final class FlagTuning {

    private record Scored(Set<String> expected, Set<SensitiveFlag> byKeyword, SemanticFlags.Reading reading) {
    }

    public static void main(String[] args) throws Exception {
        CarebotConfig config = new ConfigLoader(Map.of()).load(Path.of("..", "config", "carebot.yml"));
        TriageKit kit = TriageKit.build(config);
        TextEmbedder embedder = kit.embedder().orElseThrow();
        CarebotTriageEngine keywordsOnly = new CarebotTriageEngine(TriageSetup.rules(config), kit.personalData(),
                new LanguageGuess(config.languages()));
        List<JsonNode> all = QualityReport.devset();
        double[] weights = args.length > 0 && !args[0].isBlank() ? java.util.Arrays.stream(args[0].split(",")).mapToDouble(Double::parseDouble)
                .toArray() : new double[]{config.triage().sensitiveSurfaceWeight()};
        for (double surfaceWeight : weights) {
            SemanticFlags resemblance = new SemanticFlags(embedder, TriageKit.sensitiveExamples(config),
                    new SemanticFlags.Thresholds(1.0, Map.of(), surfaceWeight));
            List<Scored> tune = new ArrayList<>();
            List<Scored> holdout = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                JsonNode item = all.get(i);
                String text = item.get("text").asText();
                Set<String> expected = new java.util.HashSet<>();
                item.get("flags").forEach(f -> expected.add(f.asText()));
                Scored scored = new Scored(expected, keywordsOnly.triage(Post.ofText("x", "t" + i, text)).sensitive(),
                        resemblance.read(text));
                (i % 2 == 0 ? tune : holdout).add(scored);
            }
            System.out.printf(Locale.ROOT, "%nSurface weight %.2f (counter-examples: %d)%n", surfaceWeight,
                    config.sensitiveCounterExamples().values().stream().mapToInt(List::size).sum());
            System.out.printf(Locale.ROOT, "%-15s %9s  %-33s %-22s %-22s%n", "flag", "threshold",
                    "keywords only (tuning / held-out)", "tuning half", "held-out half");
            for (double floor : new double[]{0.80, 0.50}) {
                System.out.printf(Locale.ROOT, "Most recall at precision %.2f or more on the tuning half:%n", floor);
                for (SensitiveFlag flag : SensitiveFlag.values()) {
                    if (flag != SensitiveFlag.PERSONAL_DATA) pick(flag, floor, tune, holdout);
                }
            }
        }
    }

    private static void pick(SensitiveFlag flag, double precisionFloor, List<Scored> tune, List<Scored> holdout) {
        double pick = 1.0;
        double pickRecall = -1;
        double pickF2 = -1;
        boolean pickMeetsPrecision = false;
        for (double threshold = 0.20; threshold <= 0.901; threshold += 0.025) {
            double[] pr = precisionRecall(tune, flag, threshold);
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
        double[] keywordsTune = precisionRecall(tune, flag, 2.0);
        double[] keywords = precisionRecall(holdout, flag, 2.0);
        double[] tuned = precisionRecall(tune, flag, pick);
        double[] held = precisionRecall(holdout, flag, pick);
        System.out.printf(Locale.ROOT, "%-15s %9.3f  P %.2f R %.2f / P %.2f R %.2f   P %.2f R %.2f            "
                + "P %.2f R %.2f%n", flag.key(), pick, keywordsTune[0], keywordsTune[1], keywords[0], keywords[1],
                tuned[0], tuned[1], held[0], held[1]);
    }

    /** Precision and recall of "keyword, or at least {@code threshold} alike". */
    private static double[] precisionRecall(List<Scored> items, SensitiveFlag flag, double threshold) {
        int truePositive = 0;
        int falsePositive = 0;
        int falseNegative = 0;
        for (Scored item : items) {
            boolean want = item.expected().contains(flag.key());
            double similarity = item.reading().similarity().getOrDefault(flag, 0.0);
            boolean counterCloser = item.reading().counterSimilarity().getOrDefault(flag, -1.0) > similarity;
            boolean got = item.byKeyword().contains(flag) || (similarity >= threshold && !counterCloser);
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
