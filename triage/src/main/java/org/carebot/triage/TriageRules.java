package org.carebot.triage;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the keyword baseline needs to decide, as loaded from config. Pure values: no I/O.
 *
 * @param intents           the taxonomy, in config order (ties go to the riskier, then the earlier intent)
 * @param spamIntent        the intent name given to suppressed noise
 * @param minConfidence     below this the intent falls back to {@link Triage#OTHER}
 * @param spam              what marks a post as spam or a scam
 * @param sensitiveKeywords words and phrases per sensitive flag, in every configured language
 * @param priority          how signals add up to a priority
 * @param languages         ISO 639-1 codes the language detector may answer
 * @param vipAuthors        handles or author ids (lowercase) whose posts get the VIP weight
 * @param humanOnlyIntents  intents whose replies always need a person's approval
 * @param autoReply         which posts may be answered without a person: an allowlist, so what triage misses stays
 *                          with people
 * @param unmistakableKeywords per flag, phrases that raise it whatever its keyword floor: "acme is a scam" accuses,
 *                          where "scam" alone is as often a question about a phishing mail
 */
public record TriageRules(List<IntentRule> intents, String spamIntent, double minConfidence, SpamRules spam,
                          Map<SensitiveFlag, List<String>> sensitiveKeywords, PriorityWeights priority,
                          List<String> languages, Set<String> vipAuthors, Set<String> humanOnlyIntents,
                          AutoReply autoReply, Map<SensitiveFlag, List<String>> unmistakableKeywords) {

    public TriageRules {
        intents = List.copyOf(intents);
        Objects.requireNonNull(spamIntent, "spamIntent");
        Objects.requireNonNull(spam, "spam");
        sensitiveKeywords = Map.copyOf(sensitiveKeywords);
        Objects.requireNonNull(priority, "priority");
        languages = List.copyOf(languages);
        vipAuthors = Set.copyOf(vipAuthors);
        humanOnlyIntents = Set.copyOf(humanOnlyIntents);
        autoReply = autoReply == null ? AutoReply.never() : autoReply;
        unmistakableKeywords = unmistakableKeywords == null ? Map.of() : Map.copyOf(unmistakableKeywords);
    }

    /** The same rules with other sensitive keywords: for benchmarks that weigh keywords apart. */
    public TriageRules withKeywords(Map<SensitiveFlag, List<String>> sensitive,
                                    Map<SensitiveFlag, List<String>> unmistakable) {
        return new TriageRules(intents, spamIntent, minConfidence, spam, sensitive, priority, languages, vipAuthors,
                humanOnlyIntents, autoReply, unmistakable);
    }

    /** Without unmistakable keywords: every flag's keywords are read one way. */
    public TriageRules(List<IntentRule> intents, String spamIntent, double minConfidence, SpamRules spam,
                       Map<SensitiveFlag, List<String>> sensitiveKeywords, PriorityWeights priority,
                       List<String> languages, Set<String> vipAuthors, Set<String> humanOnlyIntents,
                       AutoReply autoReply) {
        this(intents, spamIntent, minConfidence, spam, sensitiveKeywords, priority, languages, vipAuthors,
                humanOnlyIntents, autoReply, Map.of());
    }

    /**
     * A reply may go out without a person only for a post with no sensitive flag, not spam, whose intent is one of
     * {@code intents} and whose confidence is at least {@code minConfidence}. A post at least
     * {@code maxSensitiveSimilarity} alike to a sensitive example stays with a person even when no flag was raised:
     * a safety margin for the flags triage misses. So does a post with one of {@code humanKeywords}: what it asks
     * only a person can check ("is it true you're shutting down?").
     */
    public record AutoReply(Set<String> intents, double minConfidence, double maxSensitiveSimilarity,
                            List<String> humanKeywords) {
        public AutoReply {
            intents = Set.copyOf(intents);
            humanKeywords = humanKeywords == null ? List.of() : List.copyOf(humanKeywords);
        }

        public AutoReply(Set<String> intents, double minConfidence, double maxSensitiveSimilarity) {
            this(intents, minConfidence, maxSensitiveSimilarity, List.of());
        }

        public AutoReply(Set<String> intents, double minConfidence) {
            this(intents, minConfidence, 1.0);
        }

        public static AutoReply never() {
            return new AutoReply(Set.of(), 1.0);
        }
    }

    /**
     * One intent of the taxonomy: its keywords and how much business risk it carries (0 = none).
     *
     * @param namedByFlags    a post the classifier was unsure of that carries one of these flags is of this intent
     * @param ruledOutByFlags a post that carries one of these flags is never of this intent
     */
    public record IntentRule(String name, List<String> keywords, int risk, Set<SensitiveFlag> namedByFlags,
                             Set<SensitiveFlag> ruledOutByFlags) {
        public IntentRule {
            Objects.requireNonNull(name, "name");
            keywords = List.copyOf(keywords);
            namedByFlags = namedByFlags == null ? Set.of() : Set.copyOf(namedByFlags);
            ruledOutByFlags = ruledOutByFlags == null ? Set.of() : Set.copyOf(ruledOutByFlags);
            for (SensitiveFlag flag : namedByFlags) {
                if (ruledOutByFlags.contains(flag)) {
                    throw new IllegalArgumentException("intent " + name + " cannot be both named and ruled out by the "
                            + flag.key() + " flag");
                }
            }
        }

        public IntentRule(String name, List<String> keywords, int risk) {
            this(name, keywords, risk, Set.of(), Set.of());
        }
    }

    /**
     * @param keywords        words typical of spam and scams; each distinct hit adds one point
     * @param patterns        regular expressions; each match adds two points
     * @param brandTokens     names a phishing domain imitates (e.g. {@code acmecloud})
     * @param officialDomains the brand's real domains; links elsewhere that imitate a brand token are phishing
     * @param threshold       points at which a post is suppressed
     * @param classifierConfidence the intent classifier's own "this is spam" suppresses at this confidence or more,
     *                             when the post is also at least {@code classifierSimilarity} alike to a spam example
     *                             (a bare "hi" shares word pieces with "Hi dear..." scams, and little else)
     */
    public record SpamRules(List<String> keywords, List<String> patterns, List<String> brandTokens,
                            List<String> officialDomains, List<String> officialHandles, int threshold,
                            double classifierConfidence, double classifierSimilarity) {
        public SpamRules {
            keywords = List.copyOf(keywords);
            patterns = List.copyOf(patterns);
            brandTokens = List.copyOf(brandTokens);
            officialDomains = List.copyOf(officialDomains);
            officialHandles = List.copyOf(officialHandles);
        }
    }

    /**
     * @param flagPoints     points per sensitive flag
     * @param reachTiers     follower thresholds, any order; the highest tier reached counts
     * @param verifiedPoints points when the platform marks the author verified
     * @param vipPoints      points for an author on the VIP list
     * @param p1             points at or above which a post is P1
     * @param p2             ... P2
     * @param p3             ... P3; below is P4
     */
    public record PriorityWeights(Map<SensitiveFlag, Integer> flagPoints, List<ReachTier> reachTiers,
                                  int verifiedPoints, int vipPoints, int p1, int p2, int p3) {
        public PriorityWeights {
            flagPoints = Map.copyOf(flagPoints);
            reachTiers = List.copyOf(reachTiers);
            if (!(p1 > p2 && p2 > p3)) {
                throw new IllegalArgumentException("priority thresholds must fall: p1 > p2 > p3, got "
                        + p1 + ", " + p2 + ", " + p3);
            }
        }
    }

    public record ReachTier(long minFollowers, int points) {
    }
}
