package org.carebot.triage;

import org.carebot.triage.TriageRules.IntentRule;
import org.carebot.triage.TriageRules.PriorityWeights;
import org.carebot.triage.TriageRules.ReachTier;
import org.carebot.triage.TriageRules.SpamRules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, hand-built rule set in the shape of config/carebot.yml (no YAML: triage has no YAML dependency),
 * plus shared detectors. Lingua takes a second or two to load its models, so the detector is built once per JVM.
 */
final class TriageFixtures {

    static final List<String> LANGUAGES = List.of("en", "es", "de", "fr", "pt");
    static final List<String> PHONE_REGIONS = List.of("US", "GB", "DE", "FR", "ES");
    static final String SPAM_INTENT = "spam_or_scam";
    static final int SPAM_THRESHOLD = 2;

    private static LanguageGuess languages;

    private TriageFixtures() {
    }

    static synchronized LanguageGuess languages() {
        if (languages == null) languages = new LanguageGuess(LANGUAGES);
        return languages;
    }

    static PersonalData personalData() {
        return new PersonalData(PHONE_REGIONS, List.of("US", "GB", "ES", "FR", "BR"));
    }

    static CarebotTriageEngine engine() {
        return engine(rules());
    }

    static CarebotTriageEngine engine(TriageRules rules) {
        return new CarebotTriageEngine(rules, personalData(), languages());
    }

    static TriageRules rules() {
        return rules(0.3);
    }

    static TriageRules rules(double minConfidence) {
        return rules(minConfidence, List.of());
    }

    /** With {@code humanKeywords}: a post with one of them is never answered without a person. */
    static TriageRules rules(double minConfidence, List<String> humanKeywords) {
        return new TriageRules(intents(), SPAM_INTENT, minConfidence, spamRules(), sensitiveKeywords(), weights(),
                LANGUAGES, Set.of("@bigbank_it", "42"), Set.of("pr_risk", "abuse_report"),
                new TriageRules.AutoReply(Set.of("praise", "general_question", "feature_request"), 0.3, 1.0,
                        humanKeywords));
    }

    static List<IntentRule> intents() {
        return List.of(
                new IntentRule("outage_report", List.of(
                        "down", "outage", "not loading", "servers",
                        "no funciona", "caído", "sin servicio",
                        "ausfall", "geht nicht", "störung",
                        "en panne", "ne fonctionne pas", "hors service"), 3),
                new IntentRule("billing_issue", List.of(
                        "charged", "refund*", "invoice*", "billing", "subscription",
                        "cobro", "cobraron", "reembolso", "factura",
                        "abgebucht", "rechnung", "erstattung",
                        "facturé", "remboursement", "prélèvement"), 2),
                new IntentRule("bug_report", List.of(
                        "bug", "crash*", "error", "glitch",
                        "fallo", "se cierra",
                        "absturz", "stürzt ab", "fehler",
                        "plante", "erreur"), 1),
                new IntentRule("account_access", List.of(
                        "password", "locked out", "login", "2fa",
                        "contraseña", "iniciar sesión",
                        "passwort", "gesperrt",
                        "mot de passe", "connexion"), 2),
                new IntentRule("pr_risk", List.of("journalist", "reporter", "going viral", "periodista",
                        "journaliste"), 3),
                new IntentRule("abuse_report", List.of("harass*", "impersonat*", "fake account", "acoso",
                        "belästigt", "harcèlement"), 2),
                new IntentRule(SPAM_INTENT, List.of("giveaway", "airdrop"), 0),
                new IntentRule("praise", List.of("thank*", "love", "gracias", "danke", "merci"), 0));
    }

    static SpamRules spamRules() {
        return new SpamRules(
                List.of("giveaway", "airdrop", "free crypto", "dm me", "promo code", "guaranteed profit",
                        "gewinnspiel", "sorteo"),
                List.of("\\b(?:send|deposit)\\s+\\d+(?:\\.\\d+)?\\s*(?:eth|btc|usdt)\\b",
                        "\\b(?:t\\.me|wa\\.me|bit\\.ly)/\\S+"),
                List.of("acmecloud"),
                List.of("acmecloud.com"),
                List.of("@AcmeCloud", "@AcmeCloudHelp"),
                SPAM_THRESHOLD, 0.6, 0.35);
    }

    static Map<SensitiveFlag, List<String>> sensitiveKeywords() {
        return Map.of(
                SensitiveFlag.LEGAL_THREAT, List.of("lawyer", "sue", "lawsuit", "abogado", "anwalt", "avocat"),
                SensitiveFlag.SELF_HARM, List.of("kill myself", "want to die", "can't go on", "cant go on",
                        "suicid*", "quiero morir", "envie de mourir"),
                SensitiveFlag.FRAUD, List.of("fraud", "stole my money", "betrug"));
    }

    static PriorityWeights weights() {
        return new PriorityWeights(
                Map.of(SensitiveFlag.SELF_HARM, 7, SensitiveFlag.LEGAL_THREAT, 3, SensitiveFlag.FRAUD, 3,
                        SensitiveFlag.PERSONAL_DATA, 2),
                List.of(new ReachTier(1_000_000, 3), new ReachTier(10_000, 1), new ReachTier(100_000, 2)),
                1, 3, 7, 4, 2);
    }

    static Post post(String text) {
        return Post.ofText("x", "1", text);
    }

    static Post post(String text, Author author) {
        return new Post("x", "1", author, text, null, null, null);
    }
}
