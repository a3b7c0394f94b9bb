package org.carebot.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.config.TriageSetup;
import org.carebot.bot.intake.TriageKit;
import org.carebot.triage.CarebotTriageEngine;
import org.carebot.triage.ExampleIntentClassifier;
import org.carebot.triage.LanguageGuess;
import org.carebot.triage.Post;
import org.carebot.triage.Triage;
import org.carebot.triage.TriageRules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks the classifier settings on one half of the dev set (even lines) and reports them on the other half (odd
 * lines), so the figure that counts was not tuned on. Run: {@code mvn -P quality verify -pl bot -Dquality.main=IntentTuning}.
 */
public final class IntentTuning {

    public static void main(String[] args) throws Exception {
        CarebotConfig config = new ConfigLoader(Map.of()).load(Path.of("..", "config", "carebot.yml"));
        TriageKit kit = TriageKit.build(config);
        List<JsonNode> all = QualityReport.devset();
        List<JsonNode> tune = new ArrayList<>();
        List<JsonNode> holdout = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) (i % 2 == 0 ? tune : holdout).add(all.get(i));
        kit.embedder().orElseThrow().embedAll(all.stream().map(n -> n.get("text").asText()).toList());
        LanguageGuess languages = new LanguageGuess(config.languages());

        CarebotConfig.TriageTuning shipped = config.triage();
        CarebotTriageEngine defaults = engine(config, kit, languages, shipped.neighbours(), shipped.temperature(),
                shipped.minSimilarity(), shipped.keywordWeight(), config.priority().minConfidence());
        System.out.printf(Locale.ROOT, "config as shipped: tune half macro-F1 %.3f -> held-out half %.3f%n",
                macroF1(defaults, tune), macroF1(defaults, holdout));
        double best = -1;
        String bestSetting = "";
        for (int k : new int[]{1, 3, 5}) {
            for (double temperature : new double[]{0.02, 0.05, 0.1}) {
                for (double minSimilarity : new double[]{0.2, 0.3}) {
                    for (double keywordWeight : new double[]{0.0, 0.03, 0.06, 0.1}) {
                        for (double minConfidence : new double[]{0.15, 0.25, 0.35}) {
                            CarebotTriageEngine engine = engine(config, kit, languages, k, temperature, minSimilarity,
                                    keywordWeight, minConfidence);
                            double f1 = macroF1(engine, tune);
                            String setting = String.format(Locale.ROOT, "k=%d T=%.2f minSim=%.2f kw=%.2f minConf=%.2f",
                                    k, temperature, minSimilarity, keywordWeight, minConfidence);
                            if (f1 > best) {
                                best = f1;
                                bestSetting = setting;
                                System.out.printf(Locale.ROOT, "tune half macro-F1 %.3f  %s  -> held-out half %.3f%n",
                                        f1, setting, macroF1(engine, holdout));
                            }
                        }
                    }
                }
            }
        }
        System.out.println("Best on the tuning half: " + bestSetting);
    }

    private static CarebotTriageEngine engine(CarebotConfig config, TriageKit kit, LanguageGuess languages, int k,
                                              double temperature, double minSimilarity, double keywordWeight,
                                              double minConfidence) {
        TriageRules base = TriageSetup.rules(config);
        TriageRules rules = new TriageRules(base.intents(), base.spamIntent(), minConfidence, base.spam(),
                base.sensitiveKeywords(), base.priority(), base.languages(), base.vipAuthors(), base.humanOnlyIntents(),
                base.autoReply());
        ExampleIntentClassifier classifier = new ExampleIntentClassifier(kit.embedder().orElseThrow(), kit.examples(), rules,
                new ExampleIntentClassifier.Settings(k, minSimilarity, keywordWeight, temperature));
        return new CarebotTriageEngine(rules, kit.personalData(), languages, classifier);
    }

    static double macroF1(CarebotTriageEngine engine, List<JsonNode> items) {
        QualityReport.Counts counts = new QualityReport.Counts();
        for (JsonNode item : items) {
            Triage triage = engine.triage(Post.ofText(item.get("platform").asText(), item.get("id").asText(),
                    item.get("text").asText()));
            counts.add(item.get("intent").asText(), triage.intent());
        }
        Set<String> labels = new TreeSet<>(counts.labels());
        labels.remove(Triage.OTHER);
        return labels.stream().mapToDouble(counts::f1).average().orElse(0);
    }
}
