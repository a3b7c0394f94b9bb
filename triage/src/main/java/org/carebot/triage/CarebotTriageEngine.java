package org.carebot.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Carebot's triage: rules from config find spam, scams and sensitive content; an {@link IntentClassifier} (keywords,
 * or nearest examples over embeddings) decides the intent; weights from config add up to a priority with the reasons
 * that produced it.
 */
public final class CarebotTriageEngine implements TriageEngine {

    private final TriageRules rules;
    private final IntentClassifier intents;
    private final SemanticFlags semanticFlags;
    private final ToneReader tones;
    private final FlagIntents flagIntents;
    private final Map<String, Integer> intentRisk = new LinkedHashMap<>();
    private final TextMatch spamKeywords;
    private final List<Pattern> spamPatterns;
    private final PhishingLinks phishingLinks;
    private final Impostors impostors;
    private final Map<SensitiveFlag, TextMatch> sensitiveKeywords = new LinkedHashMap<>();
    private final Map<SensitiveFlag, TextMatch> unmistakableKeywords = new LinkedHashMap<>();
    private final TextMatch humanKeywords;
    private final PersonalData personalData;
    private final LanguageGuess languages;

    /** The keyword baseline: intent from config keywords alone. */
    public CarebotTriageEngine(TriageRules rules, PersonalData personalData, LanguageGuess languages) {
        this(rules, personalData, languages, new KeywordIntentClassifier(rules));
    }

    public CarebotTriageEngine(TriageRules rules, PersonalData personalData, LanguageGuess languages,
                               IntentClassifier intents) {
        this(rules, personalData, languages, intents, SemanticFlags.none());
    }

    public CarebotTriageEngine(TriageRules rules, PersonalData personalData, LanguageGuess languages,
                               IntentClassifier intents, SemanticFlags semanticFlags) {
        this(rules, personalData, languages, intents, semanticFlags, ToneReader.none());
    }

    public CarebotTriageEngine(TriageRules rules, PersonalData personalData, LanguageGuess languages,
                               IntentClassifier intents, SemanticFlags semanticFlags, ToneReader tones) {
        this.rules = rules;
        this.intents = intents;
        this.semanticFlags = semanticFlags;
        this.tones = tones;
        this.flagIntents = new FlagIntents(rules);
        for (TriageRules.IntentRule intent : rules.intents()) intentRisk.put(intent.name(), intent.risk());
        this.spamKeywords = TextMatch.of(rules.spam().keywords());
        this.spamPatterns = rules.spam().patterns().stream()
                .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
        this.phishingLinks = new PhishingLinks(rules.spam().brandTokens(), rules.spam().officialDomains(),
                rules.spam().officialHandles());
        this.impostors = new Impostors(rules.spam().brandTokens(), rules.spam().officialHandles());
        rules.sensitiveKeywords().forEach((flag, words) -> sensitiveKeywords.put(flag, TextMatch.of(words)));
        rules.unmistakableKeywords().forEach((flag, words) -> unmistakableKeywords.put(flag, TextMatch.of(words)));
        this.humanKeywords = TextMatch.of(rules.autoReply().humanKeywords());
        this.personalData = personalData;
        this.languages = languages;
    }

    @Override
    public Triage triage(Post post) {
        post = post.withText(TextMatch.capMarkRuns(post.text()));
        String folded = TextMatch.fold(post.text());
        String language = languages.detect(post.text());
        Set<SensitiveFlag> found = sensitiveFlags(post.text(), folded);
        SemanticFlags.Reading meaning = semanticFlags.read(post.text());
        Set<SensitiveFlag> flags = keywordFlags(unmistakableKeywords, folded);
        for (SensitiveFlag flag : found) if (semanticFlags.keywordStands(meaning, flag)) flags.add(flag);
        flags.addAll(meaning.flags());
        // A keyword the flag's model overruled raises no flag, but a person still approves any reply.
        boolean humanOnly = !found.isEmpty() || !flags.isEmpty()
                || meaning.closest() >= rules.autoReply().maxSensitiveSimilarity();

        IntentClassifier.IntentGuess intent = intents.classify(post.text(), folded);
        List<String> spamEvidence = spamEvidence(post, folded, intent);
        // Suppressing a cry for help by mistake costs too much: a post with self-harm language always reaches a person.
        if (!spamEvidence.isEmpty() && !flags.contains(SensitiveFlag.SELF_HARM)) {
            List<String> reasons = new ArrayList<>();
            reasons.add("suppressed as spam: " + readable(spamEvidence));
            return new Triage(rules.spamIntent(), 1.0, Priority.P4, reasons, true, flags, humanOnly, language);
        }

        IntentClassifier.Alternative classified = new IntentClassifier.Alternative(
                intent.intent().equals(rules.spamIntent()) ? Triage.OTHER : intent.intent(), intent.confidence());
        Tone tone = tones.read(post.text(), folded, classified.intent(), language);
        if (tone.sarcasm() && classified.intent().equals(tones.praiseIntent())) {
            // "Great job, third outage this week 🙄" is no praise: it is the complaint the classifier found next, if
            // it found one likely enough; otherwise a person tags what it really is.
            classified = intent.likeliestOrOther(tones.complaintIntents(), rules.minConfidence());
        }
        IntentClassifier.Alternative decided = flagIntents.decide(classified, flags, intent);
        if (!decided.intent().equals(classified.intent())) {
            tone = tones.read(post.text(), folded, decided.intent(), language);
        }
        String intentName = decided.intent();
        double confidence = decided.probability();
        humanOnly |= rules.humanOnlyIntents().contains(intentName)
                || !rules.autoReply().intents().contains(intentName)
                || confidence < rules.autoReply().minConfidence()
                || tone.sarcasm()
                || !humanKeywords.findIn(folded).isEmpty();
        Urgency urgency = urgency(post, intentName, flags, tone);
        return new Triage(intentName, Math.min(1.0, Math.round(confidence * 100) / 100.0), urgency.priority(),
                urgency.reasons(), false, flags, humanOnly, language, tone);
    }

    @Override
    public Triage corrected(Post post, Triage triage, String intent, Set<SensitiveFlag> flags) {
        Urgency urgency = urgency(post, intent, flags, triage.tone());
        return new Triage(triage.intent(), triage.intentConfidence(), urgency.priority(), urgency.reasons(),
                false, flags, true, triage.language(), triage.tone());
    }

    private record Reason(String text, int points) {
    }

    /** Evidence shown on a card and kept with the triage: a post with hundreds of lures needs only a few named. */
    private static final int EVIDENCE_SHOWN = 6;

    private static String readable(List<String> evidence) {
        if (evidence.size() <= EVIDENCE_SHOWN) return String.join(", ", evidence);
        return String.join(", ", evidence.subList(0, EVIDENCE_SHOWN)) + ", and " + (evidence.size() - EVIDENCE_SHOWN)
                + " more";
    }

    private record Urgency(Priority priority, List<String> reasons) {
    }

    private Urgency urgency(Post post, String intent, Set<SensitiveFlag> flags, Tone tone) {
        List<Reason> reasons = priorityReasons(post, intent, flags);
        if (tone.sentiment() == Tone.Sentiment.NEGATIVE && tones.negativePoints() > 0) {
            reasons.add(new Reason((tone.sarcasm() ? "sarcastic, negative" : "negative sentiment")
                    + " (+" + tones.negativePoints() + ")", tones.negativePoints()));
        }
        int points = reasons.stream().mapToInt(Reason::points).sum();
        List<String> texts = reasons.isEmpty() ? List.of("no risk signals") : reasons.stream().map(Reason::text).toList();
        return new Urgency(priorityFor(points), texts);
    }

    private List<String> spamEvidence(Post post, String folded, IntentClassifier.IntentGuess intent) {
        String text = post.text();
        List<String> evidence = new ArrayList<>();
        int points = 0;
        Optional<String> impostor = impostors.of(post.author());
        if (impostor.isPresent()) {
            evidence.add("account imitating the brand's support " + impostor.get());
            points += rules.spam().threshold();
        }
        if (intent.intent().equals(rules.spamIntent()) && intent.confidence() >= rules.spam().classifierConfidence()
                && !(intent.nearest() < rules.spam().classifierSimilarity())) {
            evidence.add("resembles known scams (" + intent.evidence() + ")");
            points += rules.spam().threshold();
        }
        for (String domain : phishingLinks.lookalikes(text)) {
            evidence.add("lookalike link " + quoted(domain));
            points += rules.spam().threshold();
        }
        for (Pattern pattern : spamPatterns) {
            Optional<String> found = find(pattern, text);
            if (found.isPresent()) {
                // A reason is shown wherever the post is (digest, card history): it quotes no personal data.
                evidence.add("pattern \"" + quoted(personalData.mask(found.get().strip())) + "\"");
                points += 2;
            }
        }
        for (String keyword : spamKeywords.findIn(folded)) {
            evidence.add("\"" + keyword + "\"");
            points += 1;
        }
        return points >= rules.spam().threshold() ? evidence : List.of();
    }

    /** Characters of a match quoted in a reason: a pattern ending in "\\S+" can match a whole 20,000-character post. */
    private static final int QUOTED = 60;

    /** The match, cut to {@link #QUOTED} characters (never inside an emoji), so that a reason stays readable and storable. */
    private static String quoted(String match) {
        if (match.codePointCount(0, match.length()) <= QUOTED) return match;
        return match.substring(0, match.offsetByCodePoints(0, QUOTED)) + "…";
    }

    /** How long one config pattern may search one post; a sound pattern takes microseconds. */
    private static final long PATTERN_BUDGET_NANOS = 100_000_000L;
    private static final System.Logger log = System.getLogger(CarebotTriageEngine.class.getName());

    /**
     * The pattern's first match in the text, if it finds one within its time. One that runs out of time counts as no
     * match, and the log names it so that the operator can write it again.
     */
    private static Optional<String> find(Pattern pattern, String text) {
        try {
            var matcher = pattern.matcher(new TimeBoxedText(text, PATTERN_BUDGET_NANOS));
            return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
        } catch (TimeBoxedText.Expired e) {
            log.log(System.Logger.Level.WARNING, () -> "spam pattern " + pattern.pattern() + " gave up on a post of "
                    + text.length() + " characters after " + PATTERN_BUDGET_NANOS / 1_000_000
                    + " ms: it backtracks too much; rewrite it");
            return Optional.empty();
        }
    }

    private Set<SensitiveFlag> sensitiveFlags(String text, String folded) {
        Set<SensitiveFlag> flags = keywordFlags(sensitiveKeywords, folded);
        if (!personalData.find(text).isEmpty()) flags.add(SensitiveFlag.PERSONAL_DATA);
        return flags;
    }

    private static Set<SensitiveFlag> keywordFlags(Map<SensitiveFlag, TextMatch> keywords, String folded) {
        Set<SensitiveFlag> flags = EnumSet.noneOf(SensitiveFlag.class);
        keywords.forEach((flag, match) -> {
            if (!match.findIn(folded).isEmpty()) flags.add(flag);
        });
        return flags;
    }

    private List<Reason> priorityReasons(Post post, String intent, Set<SensitiveFlag> flags) {
        TriageRules.PriorityWeights weights = rules.priority();
        List<Reason> reasons = new ArrayList<>();
        for (SensitiveFlag flag : flags) {
            int points = weights.flagPoints().getOrDefault(flag, 0);
            if (points > 0) reasons.add(new Reason(flag.key().replace('_', ' ') + " (+" + points + ")", points));
        }
        int risk = intentRisk.getOrDefault(intent, 0);
        if (risk > 0) reasons.add(new Reason(intent + " (+" + risk + ")", risk));
        Long followers = post.author().followers();
        if (followers != null) {
            weights.reachTiers().stream()
                    .filter(tier -> followers >= tier.minFollowers())
                    .max(Comparator.comparingLong(TriageRules.ReachTier::minFollowers))
                    .filter(tier -> tier.points() > 0)
                    .ifPresent(tier -> reasons.add(new Reason(
                            compactCount(followers) + " followers (+" + tier.points() + ")", tier.points())));
        }
        if (post.author().isVerified() && weights.verifiedPoints() > 0) {
            reasons.add(new Reason("verified author (+" + weights.verifiedPoints() + ")", weights.verifiedPoints()));
        }
        if (isVip(post.author()) && weights.vipPoints() > 0) {
            reasons.add(new Reason("VIP author (+" + weights.vipPoints() + ")", weights.vipPoints()));
        }
        reasons.sort(Comparator.comparingInt(Reason::points).reversed());
        return reasons;
    }

    private boolean isVip(Author author) {
        return (author.handle() != null && rules.vipAuthors().contains(author.handle().toLowerCase(Locale.ROOT)))
                || (author.id() != null && rules.vipAuthors().contains(author.id().toLowerCase(Locale.ROOT)));
    }

    private Priority priorityFor(int points) {
        TriageRules.PriorityWeights weights = rules.priority();
        if (points >= weights.p1()) return Priority.P1;
        if (points >= weights.p2()) return Priority.P2;
        if (points >= weights.p3()) return Priority.P3;
        return Priority.P4;
    }

    /** 2100000 -> "2.1M", 15300 -> "15.3k". */
    static String compactCount(long count) {
        // From 999,950 on, one decimal of thousands would read "1000k": that is "1M".
        if (count >= 999_950) return trimZero(count / 1_000_000.0) + "M";
        if (count >= 1_000) return trimZero(count / 1_000.0) + "k";
        return Long.toString(count);
    }

    private static String trimZero(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
