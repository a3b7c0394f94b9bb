package org.carebot.triage;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What triage decided about one post.
 *
 * @param intent           the intent name from the taxonomy, or {@link #OTHER} when nothing fits
 * @param intentConfidence 0..1
 * @param priority         urgency by business risk
 * @param reasons          why the priority is what it is, most important first, readable by people
 * @param spam             true when the post is noise to suppress (spam, scam, phishing)
 * @param sensitive        content that needs a human's approval before any reply
 * @param humanOnly        true when no reply may go out without a person approving it
 * @param language         ISO 639-1 code, or {@code und} when undetermined
 * @param tone             sentiment, and whether praise is sarcastic
 */
public record Triage(String intent, double intentConfidence, Priority priority, List<String> reasons,
                     boolean spam, Set<SensitiveFlag> sensitive, boolean humanOnly, String language, Tone tone) {

    public static final String OTHER = "other";
    public static final String UNDETERMINED_LANGUAGE = "und";

    public Triage {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(priority, "priority");
        if (intentConfidence < 0 || intentConfidence > 1) {
            throw new IllegalArgumentException("intentConfidence must be within 0..1: " + intentConfidence);
        }
        reasons = List.copyOf(reasons);
        sensitive = sensitive.isEmpty() ? Set.of() : Set.copyOf(sensitive);
        language = language == null ? UNDETERMINED_LANGUAGE : language;
        tone = tone == null ? Tone.neutral() : tone;
        if (!sensitive.isEmpty() && !humanOnly) {
            throw new IllegalArgumentException("a post with sensitive content must be human-only");
        }
    }

    /** The same post seen as noise: a bot flood, say. The reason comes first; intent and flags stay. */
    public Triage suppressed(String why) {
        List<String> withWhy = new java.util.ArrayList<>();
        withWhy.add("suppressed as " + why);
        withWhy.addAll(reasons);
        return new Triage(intent, intentConfidence, Priority.P4, withWhy, true, sensitive, true, language, tone);
    }

    /** The same triage with the intent and priority its case has now: what routing rules see after a correction. */
    public Triage asTagged(String taggedIntent, Priority casePriority) {
        return new Triage(taggedIntent, 1.0, casePriority, reasons, spam, sensitive, humanOnly, language, tone);
    }

    /** A triage with a neutral tone. */
    public Triage(String intent, double intentConfidence, Priority priority, List<String> reasons, boolean spam,
                  Set<SensitiveFlag> sensitive, boolean humanOnly, String language) {
        this(intent, intentConfidence, priority, reasons, spam, sensitive, humanOnly, language, Tone.neutral());
    }
}
