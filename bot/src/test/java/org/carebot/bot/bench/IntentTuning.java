package org.carebot.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.config.TriageSetup;
import org.carebot.bot.intake.TriageKit;
import org.carebot.triage.CarebotTriageEngine;
import org.carebot.triage.ExampleIntentClassifier;
import org.carebot.triage.IntentModel;
import org.carebot.triage.LanguageGuess;
import org.carebot.triage.Post;
import org.carebot.triage.RegressionTraining;
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
 * lines), so the figure that counts was not tuned on; then the same for the confidence at which the classifier's own
 * "this is spam" suppresses. Run: {@code mvn -P quality verify -pl bot -Dquality.main=IntentTuning
 * [-Dquality.args=spam]} (the spam part alone) or {@code -Dquality.args=regression} (the intent model's own training
 * instead).
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
        IntentModel model = new IntentModel(kit.examples(), TriageSetup.rules(config));
        model.warmUp();
        CarebotTriageEngine defaults = engine(config, kit, languages, new ExampleIntentClassifier.Settings(
                shipped.neighbours(), shipped.minSimilarity(), shipped.keywordWeight(), shipped.temperature(),
                shipped.surfaceWeight(), shipped.modelWeight()), config.priority().minConfidence(), model);
        System.out.printf(Locale.ROOT, "config as shipped: tune half macro-F1 %.3f -> held-out half %.3f%n",
                macroF1(defaults, tune), macroF1(defaults, holdout));
        String mode = args.length > 0 ? args[0].strip() : "";
        if (mode.equals("regression")) {
            regressionSweep(config, kit, languages, tune, holdout);
            return;
        }
        double best = -1;
        String bestSetting = "";
        boolean spamOnly = mode.equals("spam");
        for (double modelWeight : spamOnly ? new double[0] : new double[]{0.0, 0.3, 0.5, 0.7}) {
            for (double surfaceWeight : new double[]{0.5, 0.65, 0.8}) {
                for (int k : new int[]{3, 5}) {
                    for (double keywordWeight : new double[]{0.03, 0.05}) {
                        for (double minConfidence : new double[]{0.15, 0.25, 0.35}) {
                            var settings = new ExampleIntentClassifier.Settings(k, 0.2, keywordWeight, 0.05,
                                    surfaceWeight, modelWeight);
                            CarebotTriageEngine engine = engine(config, kit, languages, settings, minConfidence, model);
                            double f1 = macroF1(engine, tune);
                            String setting = String.format(Locale.ROOT, "%s minConf=%.2f", settings, minConfidence);
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

        System.out.println("Spam: the classifier's own verdict suppresses at this confidence, when the nearest spam "
                + "example is at least this alike (shipped settings otherwise)");
        var shippedSettings = new ExampleIntentClassifier.Settings(shipped.neighbours(), shipped.minSimilarity(),
                shipped.keywordWeight(), shipped.temperature(), shipped.surfaceWeight(), shipped.modelWeight());
        for (double confidence : new double[]{0.4, 0.5, 0.6, 0.7, 1.01}) {
            for (double similarity : new double[]{0, 0.3, 0.35, 0.4, 0.45, 0.5}) {
                TriageRules base = TriageSetup.rules(config);
                TriageRules.SpamRules spam = base.spam();
                TriageRules rules = new TriageRules(base.intents(), base.spamIntent(), base.minConfidence(),
                        new TriageRules.SpamRules(spam.keywords(), spam.patterns(), spam.brandTokens(),
                                spam.officialDomains(), spam.officialHandles(), spam.threshold(), confidence,
                                similarity),
                        base.sensitiveKeywords(), base.priority(), base.languages(), base.vipAuthors(),
                        base.humanOnlyIntents(), base.autoReply());
                CarebotTriageEngine engine = new CarebotTriageEngine(rules, kit.personalData(), languages,
                        new ExampleIntentClassifier(kit.embedder().orElseThrow(), kit.examples(), rules,
                                shippedSettings, model));
                System.out.printf(Locale.ROOT, "  confidence %.2f, similarity %.2f: tune half %s -> held-out half %s%n",
                        confidence, similarity, spamScore(engine, tune), spamScore(engine, holdout));
            }
        }
    }

    /**
     * The intent model's own training (passes, step, weight decay, embedding scale), everything else as shipped: a
     * model trained per setting, judged on the tuning half.
     */
    private static void regressionSweep(CarebotConfig config, TriageKit kit, LanguageGuess languages,
                                        List<JsonNode> tune, List<JsonNode> holdout) {
        CarebotConfig.TriageTuning shipped = config.triage();
        var settings = new ExampleIntentClassifier.Settings(shipped.neighbours(), shipped.minSimilarity(),
                shipped.keywordWeight(), shipped.temperature(), shipped.surfaceWeight(), shipped.modelWeight());
        double best = -1;
        String bestSetting = "";
        for (int epochs : new int[]{20, 40, 80, 160}) {
            for (double learningRate : new double[]{0.5, 1.0, 2.0}) {
                for (double l2 : new double[]{1e-5, 1e-4, 1e-3}) {
                    for (double embeddingScale : new double[]{0.15, 0.3, 0.6, 1.0}) {
                        var training = new RegressionTraining(epochs, learningRate, l2, embeddingScale);
                        try (IntentModel model = new IntentModel(kit.examples(), TriageSetup.rules(config), training)) {
                            model.warmUp();
                            CarebotTriageEngine engine = engine(config, kit, languages, settings,
                                    config.priority().minConfidence(), model);
                            double f1 = macroF1(engine, tune);
                            boolean shippedOne = training.equals(RegressionTraining.DEFAULT);
                            if (f1 > best || shippedOne) {
                                System.out.printf(Locale.ROOT, "tune half macro-F1 %.3f  %s%s  -> held-out half %.3f%n",
                                        f1, training, shippedOne ? " (shipped)" : "", macroF1(engine, holdout));
                            }
                            if (f1 > best) {
                                best = f1;
                                bestSetting = training.toString();
                            }
                        }
                    }
                }
            }
        }
        System.out.println("Best on the tuning half: " + bestSetting);
    }

    private static CarebotTriageEngine engine(CarebotConfig config, TriageKit kit, LanguageGuess languages,
                                              ExampleIntentClassifier.Settings settings, double minConfidence,
                                              IntentModel model) {
        TriageRules base = TriageSetup.rules(config);
        TriageRules rules = new TriageRules(base.intents(), base.spamIntent(), minConfidence, base.spam(),
                base.sensitiveKeywords(), base.priority(), base.languages(), base.vipAuthors(), base.humanOnlyIntents(),
                base.autoReply());
        ExampleIntentClassifier classifier = new ExampleIntentClassifier(kit.embedder().orElseThrow(), kit.examples(), rules,
                settings, model);
        return new CarebotTriageEngine(rules, kit.personalData(), languages, classifier);
    }

    /** Precision, recall and F1 of suppression, against the spam label. */
    private static String spamScore(CarebotTriageEngine engine, List<JsonNode> items) {
        int truePositive = 0;
        int falsePositive = 0;
        int falseNegative = 0;
        for (JsonNode item : items) {
            boolean spam = item.get("spam").asBoolean();
            boolean suppressed = engine.triage(Post.ofText(item.get("platform").asText(), item.get("id").asText(),
                    item.get("text").asText())).spam();
            if (spam && suppressed) truePositive++;
            if (!spam && suppressed) falsePositive++;
            if (spam && !suppressed) falseNegative++;
        }
        double precision = truePositive + falsePositive == 0 ? 1 : (double) truePositive / (truePositive + falsePositive);
        double recall = truePositive + falseNegative == 0 ? 1 : (double) truePositive / (truePositive + falseNegative);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return String.format(Locale.ROOT, "P %.2f R %.2f F1 %.3f", precision, recall, f1);
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
