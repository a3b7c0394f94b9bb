package org.carebot.bot.config;

import org.carebot.triage.LanguageGuess;
import org.carebot.triage.PersonalData;
import org.carebot.triage.SemanticFlags;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.Triage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks what the YAML mapping cannot: references between sections, required values, sane numbers. */
final class ConfigValidator {

    private final CarebotConfig config;
    private final List<String> problems = new ArrayList<>();

    ConfigValidator(CarebotConfig config) {
        this.config = config;
    }

    List<String> problems() {
        checkBrand();
        checkLanguages();
        checkNationalIdRegions();
        Set<String> intents = checkIntents();
        checkSpam();
        checkPriority(intents);
        Set<String> queues = checkQueues();
        checkRouting(queues, intents);
        checkEscalationTargets();
        checkPermissions("default_permissions", config.defaultPermissions());
        checkTriage();
        for (int i = 0; i < config.queues().size(); i++) {
            checkPermissions("queues[" + i + "].permissions", config.queues().get(i).permissions());
        }
        return problems;
    }

    private void problem(String path, String message) {
        problems.add(path + ": " + message);
    }

    private void checkBrand() {
        if (config.brand() == null || blank(config.brand().name())) problem("brand.name", "is required");
    }

    private void checkNationalIdRegions() {
        for (int i = 0; i < config.nationalIdRegions().size(); i++) {
            String region = config.nationalIdRegions().get(i);
            if (!PersonalData.nationalIdRegions().contains(region.toUpperCase(java.util.Locale.ROOT))) {
                problem("national_id_regions[" + i + "]", "no national id check for '" + region + "'; known: "
                        + new java.util.TreeSet<>(PersonalData.nationalIdRegions()));
            }
        }
    }

    private void checkLanguages() {
        if (config.languages().size() < 2) {
            problem("languages", "list at least two ISO 639-1 codes, e.g. [en, es, de, fr]");
        }
        for (int i = 0; i < config.languages().size(); i++) {
            try {
                LanguageGuess.isoCode(config.languages().get(i));
            } catch (IllegalArgumentException e) {
                problem("languages[" + i + "]", e.getMessage());
            }
        }
    }

    private Set<String> checkIntents() {
        Set<String> names = new HashSet<>();
        if (config.intents().isEmpty()) problem("intents", "define at least one intent");
        for (int i = 0; i < config.intents().size(); i++) {
            CarebotConfig.IntentConfig intent = config.intents().get(i);
            String path = "intents[" + i + "]";
            if (blank(intent.name())) {
                problem(path + ".name", "is required");
                continue;
            }
            if (!intent.name().matches("[a-z][a-z0-9_]*")) {
                problem(path + ".name", "'" + intent.name() + "' must be lowercase snake_case");
            }
            if (!names.add(intent.name())) problem(path + ".name", "'" + intent.name() + "' is defined twice");
            if (intent.name().equals(Triage.OTHER)) {
                problem(path + ".name", "'other' is built in (the fallback when nothing fits); remove it");
            }
            if (intent.risk() < 0) problem(path + ".risk", "must be 0 or more");
            refuseEmptyKeywords(path + ".keywords", intent.keywords());
            if (!intent.namedByFlags().isEmpty() && intent.name().equals(config.spam().intent())) {
                problem(path + ".named_by_flags", "spam is suppressed by the spam rules, not named by a flag");
            }
            for (SensitiveFlag flag : intent.namedByFlags()) {
                if (intent.ruledOutByFlags().contains(flag)) {
                    problem(path + ".ruled_out_by_flags", "'" + flag.key() + "' is in named_by_flags too");
                }
            }
        }
        names.add(Triage.OTHER);
        return names;
    }

    private void checkSpam() {
        CarebotConfig.SpamConfig spam = config.spam();
        if (spam == null) {
            problem("spam", "is required");
            return;
        }
        if (blank(spam.intent())) problem("spam.intent", "is required");
        else if (!config.intentNames().contains(spam.intent())) {
            problem("spam.intent", "'" + spam.intent() + "' is not an intent in intents");
        }
        if (spam.threshold() < 1) problem("spam.threshold", "must be 1 or more");
        refuseEmptyKeywords("spam.keywords", spam.keywords());
        if (spam.classifierConfidence() <= 0 || spam.classifierConfidence() > 1) {
            problem("spam.classifier_confidence", "must be within 0..1 (above 0)");
        }
        if (spam.classifierSimilarity() < 0 || spam.classifierSimilarity() > 1) {
            problem("spam.classifier_similarity", "must be within 0..1");
        }
        if (spam.flood().accounts() < 2) problem("spam.flood.accounts", "must be 2 or more");
        if (spam.flood().window().isNegative() || spam.flood().window().isZero()) {
            problem("spam.flood.window", "must be longer than zero");
        }
        for (int i = 0; i < spam.patterns().size(); i++) {
            try {
                Pattern.compile(spam.patterns().get(i));
            } catch (PatternSyntaxException e) {
                problem("spam.patterns[" + i + "]", "not a valid regular expression: " + e.getDescription());
            }
        }
    }

    private void checkPriority(Set<String> intents) {
        CarebotConfig.PriorityConfig priority = config.priority();
        if (priority == null || priority.thresholds() == null) {
            problem("priority.thresholds", "is required (p1, p2, p3 points)");
            return;
        }
        CarebotConfig.Thresholds t = priority.thresholds();
        if (!(t.p1() > t.p2() && t.p2() > t.p3() && t.p3() > 0)) {
            problem("priority.thresholds", "must fall: p1 > p2 > p3 > 0, got " + t.p1() + ", " + t.p2() + ", " + t.p3());
        }
        if (priority.minConfidence() < 0 || priority.minConfidence() > 1) {
            problem("priority.min_confidence", "must be within 0..1");
        }
        for (int i = 0; i < priority.clusterGrowth().size(); i++) {
            if (priority.clusterGrowth().get(i) < 2) problem("priority.cluster_growth[" + i + "]", "must be 2 posts or more");
        }
        for (int i = 0; i < priority.humanOnlyIntents().size(); i++) {
            if (!intents.contains(priority.humanOnlyIntents().get(i))) {
                problem("priority.human_only_intents[" + i + "]",
                        "'" + priority.humanOnlyIntents().get(i) + "' is not an intent in intents");
            }
        }
    }

    private Set<String> checkQueues() {
        Set<String> ids = new java.util.LinkedHashSet<>();
        if (config.queues().isEmpty()) problem("queues", "define at least one queue");
        for (int i = 0; i < config.queues().size(); i++) {
            CarebotConfig.QueueConfig queue = config.queues().get(i);
            String path = "queues[" + i + "]";
            if (blank(queue.id())) {
                problem(path + ".id", "is required");
                continue;
            }
            if (!ids.add(queue.id())) problem(path + ".id", "'" + queue.id() + "' is defined twice");
            if (blank(queue.name())) problem(path + ".name", "is required");
            if (blank(queue.slackChannel())) problem(path + ".slack_channel", "is required (a Slack channel id)");
            if (queue.sla() == null || queue.sla().firstResponse() == null || queue.sla().resolution() == null) {
                problem(path + ".sla", "needs first_response and resolution, e.g. {first_response: 1h, resolution: 24h}");
            } else if (queue.sla().resolution().compareTo(queue.sla().firstResponse()) < 0) {
                problem(path + ".sla", "resolution must not come before first_response");
            }
        }
        return ids;
    }

    private void checkRouting(Set<String> queues, Set<String> intents) {
        CarebotConfig.RoutingConfig routing = config.routing();
        if (routing == null) {
            problem("routing", "is required (fallback queue and rules)");
            return;
        }
        if (blank(routing.fallback())) problem("routing.fallback", "is required");
        else if (!queues.contains(routing.fallback())) {
            problem("routing.fallback", "unknown queue '" + routing.fallback() + "' (queues: " + queues + ")");
        }
        for (int i = 0; i < routing.rules().size(); i++) {
            CarebotConfig.RuleConfig rule = routing.rules().get(i);
            String path = "routing.rules[" + i + "]";
            if (blank(rule.name())) problem(path + ".name", "is required");
            if (blank(rule.queue())) problem(path + ".queue", "is required");
            else if (!queues.contains(rule.queue())) {
                problem(path + ".queue", "unknown queue '" + rule.queue() + "' (queues: " + queues + ")");
            }
            for (String notified : rule.alsoNotify()) {
                if (!queues.contains(notified)) problem(path + ".notify", "unknown queue '" + notified + "'");
            }
            for (String intent : rule.when().intents()) {
                if (!intents.contains(intent)) problem(path + ".when.intents", "unknown intent '" + intent + "'");
            }
            for (String language : rule.when().languages()) {
                if (!config.languages().contains(language)) {
                    problem(path + ".when.languages", "'" + language + "' is not in languages");
                }
            }
        }
    }

    private void checkEscalationTargets() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < config.escalationTargets().size(); i++) {
            CarebotConfig.EscalationTarget target = config.escalationTargets().get(i);
            String path = "escalation_targets[" + i + "]";
            if (blank(target.id())) problem(path + ".id", "is required");
            else if (!ids.add(target.id())) problem(path + ".id", "'" + target.id() + "' is defined twice");
            if (blank(target.slackChannel())) problem(path + ".slack_channel", "is required");
        }
    }

    private void checkPermissions(String path, Map<Permission, List<String>> permissions) {
        permissions.forEach((permission, holders) -> {
            for (String holder : holders) {
                if (!holder.equals(CarebotConfig.CHANNEL_MEMBERS) && !config.roles().containsKey(holder)) {
                    problem(path + "." + permission.name().toLowerCase(java.util.Locale.ROOT),
                            "unknown role '" + holder + "' (roles: " + config.roles().keySet()
                                    + ", or 'channel' for anyone in the case's channel)");
                }
            }
        });
    }

    private void checkTriage() {
        CarebotConfig.TriageTuning triage = config.triage();
        if (triage.workers() < 1 || triage.workers() > 16) problem("triage.workers", "must be within 1..16");
        if (triage.neighbours() < 1) problem("triage.neighbours", "must be 1 or more");
        if (triage.minSimilarity() < -1 || triage.minSimilarity() > 1) problem("triage.min_similarity", "must be within -1..1");
        if (triage.temperature() <= 0) problem("triage.temperature", "must be above 0");
        if (triage.surfaceWeight() < 0 || triage.surfaceWeight() > 1) problem("triage.surface_weight", "must be within 0..1");
        if (triage.modelWeight() < 0 || triage.modelWeight() > 1) problem("triage.model_weight", "must be within 0..1");
        if (triage.warmUpPasses() < 0 || triage.warmUpPasses() > 10) problem("triage.warm_up_passes", "must be within 0..10");
        if (triage.sensitiveSurfaceWeight() < 0 || triage.sensitiveSurfaceWeight() > 1) {
            problem("triage.sensitive_surface_weight", "must be within 0..1");
        }
        if (triage.sensitiveModelWeight() < 0 || triage.sensitiveModelWeight() > 1) {
            problem("triage.sensitive_model_weight", "must be within 0..1");
        }
        if (triage.sensitiveBySentence().minWords() < 1) {
            problem("triage.sensitive_by_sentence.min_words", "must be at least 1");
        }
        if (triage.sensitiveModelFloor() < 0 || triage.sensitiveModelFloor() > 1) {
            problem("triage.sensitive_model_floor", "must be within 0..1");
        } else if (triage.sensitiveModelFloor() > 0 && triage.sensitiveModelWeight() == 0) {
            problem("triage.sensitive_model_floor", "needs triage.sensitive_model_weight above 0: without flag models "
                    + "there is no likelihood to stand on");
        }
        if (triage.embeddingCache() < 0) problem("triage.embedding_cache", "must be 0 or more");
        triage.exampleStoreDirectory().filter(Files::isRegularFile).ifPresent(file -> problem("triage.example_store",
                "is the file " + file + ": it must name a directory (it keeps one file per embedding model)"));
        if (triage.embeddingModel() != null) {
            checkReadableFile("triage.embedding_model.onnx", triage.embeddingModel().onnx());
            checkReadableFile("triage.embedding_model.tokenizer", triage.embeddingModel().tokenizer());
        }
        if (triage.sensitiveSimilarity() <= 0 || triage.sensitiveSimilarity() > 1) {
            problem("triage.sensitive_similarity", "must be within 0..1 (above 0)");
        }
        triage.sensitiveSimilarityByFlag().forEach((flag, similarity) -> {
            if (similarity <= 0 || similarity > 1) {
                problem("triage.sensitive_similarity_by_flag." + flag.key(), "must be within 0..1 (above 0)");
            }
        });
        if (!triage.sensitiveKeywordFloorByFlag().isEmpty() && triage.sensitiveModelWeight() == 0) {
            problem("triage.sensitive_keyword_floor_by_flag", "needs triage.sensitive_model_weight above 0: without "
                    + "the flag models, similarity alone would overrule keywords");
        }
        triage.sensitiveKeywordFloorByFlag().forEach((flag, floor) -> {
            if (floor < 0 || floor > 1) problem("triage.sensitive_keyword_floor_by_flag." + flag.key(), "must be within 0..1");
            if (SemanticFlags.KEYWORDS_ALWAYS_STAND.contains(flag)) {
                problem("triage.sensitive_keyword_floor_by_flag." + flag.key(),
                        "cannot be set: " + flag.key().replace('_', ' ') + " is never overruled");
            }
        });
        for (int i = 0; i < config.autoReply().intents().size(); i++) {
            String intent = config.autoReply().intents().get(i);
            if (!config.intentNames().contains(intent)) problem("auto_reply.intents[" + i + "]", "unknown intent '" + intent + "'");
        }
        if (config.autoReply().minConfidence() < 0 || config.autoReply().minConfidence() > 1) {
            problem("auto_reply.min_confidence", "must be within 0..1");
        }
        if (config.autoReply().maxSensitiveSimilarity() <= 0 || config.autoReply().maxSensitiveSimilarity() > 1) {
            problem("auto_reply.max_sensitive_similarity", "must be within 0..1 (above 0)");
        }
        CarebotConfig.ToneConfig tone = config.tone();
        if (!config.intentNames().contains(tone.praiseIntent())) {
            problem("tone.praise_intent", "unknown intent '" + tone.praiseIntent() + "'");
        }
        for (int i = 0; i < tone.complaintIntents().size(); i++) {
            if (!config.intentNames().contains(tone.complaintIntents().get(i))) {
                problem("tone.complaint_intents[" + i + "]", "unknown intent '" + tone.complaintIntents().get(i) + "'");
            }
        }
        if (tone.negativePoints() < 0) problem("tone.negative_points", "must be 0 or more");
        for (int i = 0; i < tone.meaningLanguages().size(); i++) {
            if (!config.languages().contains(tone.meaningLanguages().get(i))) {
                problem("tone.meaning_languages[" + i + "]", "'" + tone.meaningLanguages().get(i)
                        + "' is not one of the configured languages " + config.languages());
            }
        }
        CarebotConfig.StormTuning storms = config.storms();
        if (storms.baseline().compareTo(storms.window()) <= 0) problem("storms.baseline", "must be longer than storms.window");
        if (storms.minimum() < 1) problem("storms.minimum", "must be 1 or more");
        if (storms.factor() < 1) problem("storms.factor", "must be 1 or more");
        for (int i = 0; i < storms.alert().size(); i++) {
            if (config.escalationTarget(storms.alert().get(i)).isEmpty()) {
                problem("storms.alert[" + i + "]", "unknown escalation target '" + storms.alert().get(i) + "'");
            }
        }
        List<String> intentNames = config.intentNames();
        for (int i = 0; i < storms.intents().size(); i++) {
            String intent = storms.intents().get(i);
            if (!intentNames.contains(intent) && !intent.equals(Triage.OTHER)) {
                problem("storms.intents[" + i + "]", "unknown intent '" + intent + "'");
            } else if (intent.equals(config.spam().intent())) {
                problem("storms.intents[" + i + "]", "'" + intent + "' is suppressed, never a case: it cannot storm");
            }
        }
        CarebotConfig.ClusterTuning clusters = config.clusters();
        if (clusters.nearDuplicateBits() < 0 || clusters.nearDuplicateBits() > 32) {
            problem("clusters.near_duplicate_bits", "must be within 0..32");
        }
        if (clusters.semanticSimilarity() <= 0 || clusters.semanticSimilarity() > 1) {
            problem("clusters.semantic_similarity", "must be within 0..1 (above 0)");
        }
        if (triage.engine() == CarebotConfig.TriageTuning.Engine.EMBEDDINGS) {
            for (int i = 0; i < config.intents().size(); i++) {
                if (config.intents().get(i).examples().isEmpty()) {
                    problem("intents[" + i + "].examples", "the embeddings engine learns from examples: give at least one");
                }
            }
        }
        config.sensitiveCounterExamples().keySet().stream()
                .filter(flag -> config.sensitiveExamples().getOrDefault(flag, List.of()).isEmpty())
                .forEach(flag -> problem("sensitive_counter_examples." + flag.key(),
                        "counter-examples only refine a flag's examples: give sensitive_examples." + flag.key() + " too"));
        for (SensitiveFlag flag : config.triage().sensitiveBySentence().flags()) {
            if (flag == SensitiveFlag.PERSONAL_DATA) {
                problem("triage.sensitive_by_sentence.flags", "personal_data is found by patterns over the whole post, "
                        + "not by resemblance: it cannot be read by sentence");
            } else if (config.sensitiveExamples().getOrDefault(flag, List.of()).isEmpty()) {
                problem("triage.sensitive_by_sentence.flags", flag.key() + " has no sensitive_examples to resemble");
            }
        }
        config.sensitive().forEach((flag, keywords) -> refuseEmptyKeywords("sensitive." + flag.key(), keywords));
        config.sensitiveUnmistakable().forEach((flag, keywords) ->
                refuseEmptyKeywords("sensitive_unmistakable." + flag.key(), keywords));
        refuseEmptyKeywords("auto_reply.human_keywords", config.autoReply().humanKeywords());
        config.sensitiveLookalikes().keySet().stream()
                .filter(flag -> config.sensitiveExamples().getOrDefault(flag, List.of()).isEmpty())
                .forEach(flag -> problem("sensitive_lookalikes." + flag.key(),
                        "lookalikes only refine a flag's examples: give sensitive_examples." + flag.key() + " too"));
    }

    private void checkReadableFile(String field, String path) {
        if (blank(path)) problem(field, "is required: the path of a file");
        else if (!Files.isReadable(Path.of(path))) problem(field, "no readable file at " + path);
    }

    /** A keyword that is blank, or only the prefix mark {@code *}, would match nothing. */
    private void refuseEmptyKeywords(String field, List<String> keywords) {
        if (keywords == null) return;
        for (String keyword : keywords) {
            if (blank(keyword) || keyword.strip().equals("*")) {
                problem(field, "has an empty keyword ('" + (keyword == null ? "" : keyword) + "'): it would match nothing");
            }
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
