package org.carebot.bot.config;

import org.carebot.triage.PersonalData;
import org.carebot.triage.Router;
import org.carebot.triage.RoutingRule;
import org.carebot.triage.TriageRules;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns the config into the triage module's rules and router (the engine is assembled by TriageKit). */
public final class TriageSetup {

    private TriageSetup() {
    }

    public static PersonalData personalData(CarebotConfig config) {
        return new PersonalData(config.phoneRegions(), config.nationalIdRegions());
    }

    public static TriageRules rules(CarebotConfig config) {
        CarebotConfig.PriorityConfig priority = config.priority();
        List<TriageRules.IntentRule> intents = config.intents().stream()
                .map(intent -> new TriageRules.IntentRule(intent.name(), intent.keywords(), intent.risk(),
                        intent.namedByFlags(), intent.ruledOutByFlags()))
                .toList();
        TriageRules.SpamRules spam = new TriageRules.SpamRules(config.spam().keywords(), config.spam().patterns(),
                config.brand().tokens(), config.brand().officialDomains(), config.brand().officialHandles(),
                config.spam().threshold(), config.spam().classifierConfidence(), config.spam().classifierSimilarity());
        TriageRules.PriorityWeights weights = new TriageRules.PriorityWeights(priority.flags(),
                priority.followers().stream().map(t -> new TriageRules.ReachTier(t.min(), t.points())).toList(),
                priority.verified(), priority.vip(), priority.thresholds().p1(), priority.thresholds().p2(),
                priority.thresholds().p3());
        return new TriageRules(intents, config.spam().intent(), priority.minConfidence(), spam, config.sensitive(),
                weights, config.languages(),
                priority.vipAuthors().stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
                java.util.Set.copyOf(priority.humanOnlyIntents()),
                new TriageRules.AutoReply(java.util.Set.copyOf(config.autoReply().intents()),
                        config.autoReply().minConfidence(), config.autoReply().maxSensitiveSimilarity(),
                        config.autoReply().humanKeywords()),
                config.sensitiveUnmistakable());
    }

    public static Router router(CarebotConfig config) {
        List<RoutingRule> rules = config.routing().rules().stream()
                .map(rule -> new RoutingRule(rule.name(), rule.when().intents(), rule.when().priorities(),
                        rule.when().platforms(), rule.when().flags(), rule.when().languages(), rule.queue(),
                        rule.alsoNotify()))
                .toList();
        return new Router(rules, config.routing().fallback());
    }
}
