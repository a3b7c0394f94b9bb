package org.carebot.bot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.carebot.triage.Priority;
import org.carebot.triage.PersonalData;
import org.carebot.triage.SensitiveFlag;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole of {@code carebot.yml}, as validated by {@link ConfigLoader}. Keys are snake_case in the file.
 */
public record CarebotConfig(Brand brand, List<String> languages, List<String> phoneRegions,
                            List<String> nationalIdRegions,
                            List<IntentConfig> intents, SpamConfig spam,
                            Map<SensitiveFlag, List<String>> sensitive, PriorityConfig priority,
                            List<QueueConfig> queues, RoutingConfig routing,
                            List<EscalationTarget> escalationTargets, Map<String, RoleConfig> roles,
                            Map<Permission, List<String>> defaultPermissions, TriageTuning triage,
                            ClusterTuning clusters, AutoReplyConfig autoReply,
                            Map<SensitiveFlag, List<String>> sensitiveExamples,
                            Map<SensitiveFlag, List<String>> sensitiveCounterExamples,
                            Map<SensitiveFlag, List<String>> sensitiveLookalikes, StormTuning storms,
                            ToneConfig tone, DigestConfig digest,
                            Map<SensitiveFlag, List<String>> sensitiveUnmistakable) {

    /** The word in a permission list that means "anyone in the channel where the case's card is". */
    public static final String CHANNEL_MEMBERS = "channel";

    public CarebotConfig {
        languages = listOrEmpty(languages);
        phoneRegions = listOrEmpty(phoneRegions);
        nationalIdRegions = nationalIdRegions == null ? List.copyOf(PersonalData.nationalIdRegions())
                : List.copyOf(nationalIdRegions);
        intents = listOrEmpty(intents);
        sensitive = sensitive == null ? Map.of() : Map.copyOf(sensitive);
        sensitiveUnmistakable = sensitiveUnmistakable == null ? Map.of() : Map.copyOf(sensitiveUnmistakable);
        queues = listOrEmpty(queues);
        escalationTargets = listOrEmpty(escalationTargets);
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        defaultPermissions = defaultPermissions == null ? Map.of() : Map.copyOf(defaultPermissions);
        triage = triage == null ? TriageTuning.defaults() : triage;
        clusters = clusters == null ? ClusterTuning.defaults() : clusters;
        autoReply = autoReply == null ? new AutoReplyConfig(null, null, null, null) : autoReply;
        sensitiveExamples = sensitiveExamples == null ? Map.of() : Map.copyOf(sensitiveExamples);
        sensitiveCounterExamples = sensitiveCounterExamples == null ? Map.of() : Map.copyOf(sensitiveCounterExamples);
        sensitiveLookalikes = sensitiveLookalikes == null ? Map.of() : Map.copyOf(sensitiveLookalikes);
        storms = storms == null ? new StormTuning(null, null, null, null, null, null, null) : storms;
        tone = tone == null ? new ToneConfig(null, null, null, null) : tone;
        digest = digest == null ? new DigestConfig(null) : digest;
    }

    /** The daily digest of suppressed posts goes to each queue at {@code at} (UTC, HH:mm). */
    public record DigestConfig(java.time.LocalTime at) {
        public DigestConfig {
            at = at == null ? java.time.LocalTime.of(9, 0) : at;
        }
    }

    /**
     * Sentiment and sarcasm: complaint intents are negative; praise words next to an eye-roll or a complaint's meaning
     * are sarcasm, the meaning read only in {@code meaningLanguages} (the sentence model's own; English by default).
     * Negative sentiment adds {@code negativePoints} to priority.
     */
    public record ToneConfig(String praiseIntent, List<String> complaintIntents, Integer negativePoints,
                             List<String> meaningLanguages) {
        public ToneConfig {
            praiseIntent = praiseIntent == null ? "praise" : praiseIntent;
            complaintIntents = complaintIntents == null
                    ? List.of("outage_report", "billing_issue", "bug_report", "account_access", "abuse_report")
                    : List.copyOf(complaintIntents);
            negativePoints = negativePoints == null ? 1 : negativePoints;
            meaningLanguages = meaningLanguages == null ? List.of("en") : List.copyOf(meaningLanguages);
        }
    }

    /**
     * A storm: a cluster with at least {@code minimum} posts within {@code window}, or an intent with at least
     * {@code minimum} posts in the window and {@code factor} times its rate over {@code baseline}. One alert per intent
     * per {@code cooldown}, to the escalation targets in {@code alert}. Only the listed {@code intents} storm (empty:
     * every intent), so that a wave of feature requests or thanks does not page engineering and comms; {@code other}
     * in the list lets clusters of posts triage could not place storm.
     */
    public record StormTuning(Duration window, Duration baseline, Double factor, Integer minimum, Duration cooldown,
                              List<String> alert, List<String> intents) {
        public StormTuning {
            window = window == null ? Duration.ofMinutes(10) : window;
            baseline = baseline == null ? Duration.ofHours(24) : baseline;
            factor = factor == null ? 5.0 : factor;
            minimum = minimum == null ? 10 : minimum;
            cooldown = cooldown == null ? Duration.ofHours(2) : cooldown;
            alert = alert == null ? List.of("engineering", "comms") : List.copyOf(alert);
            intents = listOrEmpty(intents);
        }

        /** Whether a surge of posts of this intent is an incident. */
        public boolean storms(String intent) {
            return intents.isEmpty() || intents.contains(intent);
        }
    }

    /**
     * Which posts a reply may answer without a person (an allowlist; empty means none). A post at least
     * {@code maxSensitiveSimilarity} alike to any sensitive example never is, flagged or not, nor one with any of
     * {@code humanKeywords}.
     */
    public record AutoReplyConfig(List<String> intents, Double minConfidence, Double maxSensitiveSimilarity,
                                  List<String> humanKeywords) {
        public AutoReplyConfig {
            intents = listOrEmpty(intents);
            humanKeywords = listOrEmpty(humanKeywords);
            minConfidence = minConfidence == null ? 0.6 : minConfidence;
            maxSensitiveSimilarity = maxSensitiveSimilarity == null ? 0.5 : maxSensitiveSimilarity;
        }
    }

    /**
     * When a post repeats an open case: within {@code window} of the case's last post, with the same words, a SimHash
     * at most {@code nearDuplicateBits} apart, or (same intent) embeddings at least {@code semanticSimilarity} alike.
     */
    public record ClusterTuning(Duration window, Integer nearDuplicateBits, Double semanticSimilarity) {
        public ClusterTuning {
            window = window == null ? Duration.ofMinutes(30) : window;
            nearDuplicateBits = nearDuplicateBits == null ? 3 : nearDuplicateBits;
            semanticSimilarity = semanticSimilarity == null ? 0.88 : semanticSimilarity;
        }

        public static ClusterTuning defaults() {
            return new ClusterTuning(null, null, null);
        }
    }

    /**
     * How triage decides intent: {@code embeddings} (nearest examples over in-process MiniLM and word pieces, blended by
     * {@code modelWeight} with a model trained on the same examples) or {@code keywords}; and sensitive flags (the
     * nearest flag example's similarity, blended by {@code sensitiveModelWeight} with a model per flag).
     */
    public record TriageTuning(Engine engine, Integer workers, Integer neighbours, Double minSimilarity,
                               Double keywordWeight, Double temperature, Double surfaceWeight, Double modelWeight,
                               Integer embeddingCache,
                               Double sensitiveSimilarity, Map<SensitiveFlag, Double> sensitiveSimilarityByFlag,
                               Double sensitiveSurfaceWeight, Double sensitiveModelWeight,
                               Map<SensitiveFlag, Double> sensitiveKeywordFloorByFlag, Double sensitiveModelFloor,
                               Integer warmUpPasses, EmbeddingModel embeddingModel,
                               SensitiveBySentence sensitiveBySentence, String exampleStore) {

        public enum Engine { EMBEDDINGS, KEYWORDS }

        /** Flags also read sentence by sentence in posts of {@code minWords} words or more (30 unless set). */
        public record SensitiveBySentence(Set<SensitiveFlag> flags, Integer minWords) {
            public SensitiveBySentence {
                flags = flags == null ? Set.of() : Set.copyOf(flags);
                minWords = minWords == null ? 30 : minWords;
            }
        }

        /**
         * A sentence-embedding model of the operator's instead of the bundled English MiniLM: a BERT-style ONNX file,
         * its Hugging Face {@code tokenizer.json}, and how token outputs become one vector ({@code mean} or
         * {@code cls}, as the model card says). Thresholds and weights were picked for MiniLM: re-pick them with
         * the quality tools on your own labeled posts after a change (docs/QUALITY.md).
         */
        public record EmbeddingModel(String onnx, String tokenizer, Pooling pooling) {
            public enum Pooling { MEAN, CLS }

            public EmbeddingModel {
                pooling = pooling == null ? Pooling.MEAN : pooling;
            }
        }

        public TriageTuning {
            engine = engine == null ? Engine.EMBEDDINGS : engine;
            workers = workers == null ? 2 : workers;
            neighbours = neighbours == null ? 3 : neighbours;
            minSimilarity = minSimilarity == null ? 0.30 : minSimilarity;
            keywordWeight = keywordWeight == null ? 0.05 : keywordWeight;
            temperature = temperature == null ? 0.05 : temperature;
            surfaceWeight = surfaceWeight == null ? 0.0 : surfaceWeight;
            modelWeight = modelWeight == null ? 0.0 : modelWeight;
            embeddingCache = embeddingCache == null ? 20_000 : embeddingCache;
            sensitiveSimilarity = sensitiveSimilarity == null ? 0.75 : sensitiveSimilarity;
            sensitiveSimilarityByFlag = sensitiveSimilarityByFlag == null ? Map.of() : Map.copyOf(sensitiveSimilarityByFlag);
            sensitiveSurfaceWeight = sensitiveSurfaceWeight == null ? 0.0 : sensitiveSurfaceWeight;
            sensitiveModelWeight = sensitiveModelWeight == null ? 0.0 : sensitiveModelWeight;
            sensitiveKeywordFloorByFlag = sensitiveKeywordFloorByFlag == null ? Map.of()
                    : Map.copyOf(sensitiveKeywordFloorByFlag);
            sensitiveModelFloor = sensitiveModelFloor == null ? 0.0 : sensitiveModelFloor;
            warmUpPasses = warmUpPasses == null ? 0 : warmUpPasses;
            sensitiveBySentence = sensitiveBySentence == null ? new SensitiveBySentence(null, null) : sensitiveBySentence;
            exampleStore = exampleStore == null || exampleStore.isBlank() ? null : exampleStore.strip();
        }

        /** The directory keeping the config examples' embeddings between starts, when one is set. */
        public Optional<Path> exampleStoreDirectory() {
            return Optional.ofNullable(exampleStore).map(Path::of);
        }

        public static TriageTuning defaults() {
            return new TriageTuning(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null);
        }
    }

    public record Brand(String name, List<String> tokens, List<String> officialDomains, List<String> officialHandles) {
        public Brand {
            tokens = listOrEmpty(tokens);
            officialDomains = listOrEmpty(officialDomains);
            officialHandles = listOrEmpty(officialHandles);
        }
    }

    /**
     * One intent of the taxonomy. {@code risk} adds to priority; examples teach the embeddings engine. A post the
     * classifier was unsure of that carries a flag of {@code namedByFlags} is of this intent; a post that carries a
     * flag of {@code ruledOutByFlags} never is.
     */
    public record IntentConfig(String name, String description, int risk, List<String> keywords,
                               List<String> examples, Set<SensitiveFlag> namedByFlags,
                               Set<SensitiveFlag> ruledOutByFlags) {
        public IntentConfig {
            keywords = listOrEmpty(keywords);
            examples = listOrEmpty(examples);
            namedByFlags = setOrEmpty(namedByFlags);
            ruledOutByFlags = setOrEmpty(ruledOutByFlags);
        }
    }

    /**
     * Spam and scams: keywords (1 point each), patterns (2), lookalike links and fake support accounts (the threshold)
     * add up to {@code threshold}; the intent classifier's own "this is spam" suppresses at {@code classifierConfidence}
     * when the post's nearest spam example is at least {@code classifierSimilarity} alike.
     */
    public record SpamConfig(String intent, int threshold, List<String> keywords, List<String> patterns,
                             FloodConfig flood, Double classifierConfidence, Double classifierSimilarity) {
        public SpamConfig {
            classifierConfidence = classifierConfidence == null ? 0.6 : classifierConfidence;
            classifierSimilarity = classifierSimilarity == null ? 0.35 : classifierSimilarity;
            keywords = listOrEmpty(keywords);
            patterns = listOrEmpty(patterns);
            flood = flood == null ? new FloodConfig(null, null) : flood;
        }
    }

    /**
     * A bot flood: the same or nearly the same post from at least {@code accounts} accounts within {@code window},
     * carrying a link off the brand's domains or a phone number. Its later copies are suppressed.
     */
    public record FloodConfig(Duration window, Integer accounts) {
        public FloodConfig {
            window = window == null ? Duration.ofMinutes(10) : window;
            accounts = accounts == null ? 5 : accounts;
        }
    }

    public record PriorityConfig(Thresholds thresholds, Map<SensitiveFlag, Integer> flags,
                                 List<FollowerTier> followers, int verified, int vip, List<String> vipAuthors,
                                 List<String> humanOnlyIntents, double minConfidence, List<Integer> clusterGrowth) {
        public PriorityConfig {
            clusterGrowth = clusterGrowth == null ? List.of(10, 50) : List.copyOf(clusterGrowth);
            flags = flags == null ? Map.of() : Map.copyOf(flags);
            followers = listOrEmpty(followers);
            vipAuthors = listOrEmpty(vipAuthors);
            humanOnlyIntents = listOrEmpty(humanOnlyIntents);
        }
    }

    public record Thresholds(int p1, int p2, int p3) {
    }

    public record FollowerTier(long min, int points) {
    }

    /** A team's queue: where its cards go and how fast it promises to answer. */
    public record QueueConfig(String id, String name, String owner, String slackChannel, Sla sla,
                              Map<Permission, List<String>> permissions) {
        public QueueConfig {
            permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
        }
    }

    public record Sla(Duration firstResponse, Duration resolution) {
    }

    public record RoutingConfig(String fallback, List<RuleConfig> rules) {
        public RoutingConfig {
            rules = listOrEmpty(rules);
        }
    }

    public record RuleConfig(String name, When when, String queue, @JsonProperty("notify") List<String> alsoNotify) {
        public RuleConfig {
            when = when == null ? new When(null, null, null, null, null) : when;
            alsoNotify = listOrEmpty(alsoNotify);
        }
    }

    public record When(Set<String> intents, Set<Priority> priorities, Set<String> platforms,
                       Set<SensitiveFlag> flags, Set<String> languages) {
        public When {
            intents = setOrEmpty(intents);
            priorities = setOrEmpty(priorities);
            platforms = setOrEmpty(platforms);
            flags = setOrEmpty(flags);
            languages = setOrEmpty(languages);
        }
    }

    /** Where an escalation goes: comms, legal, trust and safety, engineering. */
    public record EscalationTarget(String id, String name, String slackChannel) {
    }

    /** A named role: Slack users and user groups whose members hold it. */
    public record RoleConfig(List<String> users, List<String> usergroups) {
        public RoleConfig {
            users = listOrEmpty(users);
            usergroups = listOrEmpty(usergroups);
        }
    }

    public Optional<QueueConfig> queue(String id) {
        return queues.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public QueueConfig requireQueue(String id) {
        return queue(id).orElseThrow(() -> new IllegalStateException("no queue '" + id + "' in config"));
    }

    public Optional<EscalationTarget> escalationTarget(String id) {
        return escalationTargets.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public List<String> intentNames() {
        return intents.stream().map(IntentConfig::name).toList();
    }

    /** Who holds a permission in a queue: the queue's own list if it has one, else the default. */
    public List<String> holdersOf(Permission permission, QueueConfig queue) {
        List<String> own = queue.permissions().get(permission);
        return own != null ? own : defaultPermissions.getOrDefault(permission, List.of());
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static <T> Set<T> setOrEmpty(Set<T> set) {
        return set == null ? Set.of() : Set.copyOf(set);
    }
}
