package org.carebot.triage;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads sentiment and sarcasm. Complaint intents are negative. Praise is positive unless it is sarcastic: praise
 * words or clapping next to an eye-roll, "yeah right", "/s", or, in a language the sentence model reads well, a post
 * whose meaning sits closer to the complaint examples than to the praise examples ("Great job @AcmeCloud, third
 * outage this week 🙄"). A complaint with an ironic marker is sarcastic without praise words too ("99.9% uptime and
 * the 0.1% is every time I have a deadline 🙃").
 */
public final class ToneReader {

    /**
     * Markers that are ironic on their own: in a complaint they make it sarcastic even without a word of praise. "/s"
     * ends a sentence ("2 MB/s" is a rate), "so much for" opens a clause ("I paid so much for this" is plain), and
     * "yeah right" is no "right after" ("yeah, right after the update it crashes" is plain).
     */
    private static final String IRONY = "🙄|🙃|🤡|(?<![\\w/])/s\\b|\\bthanks for nothing\\b"
            + "|(?:^|[.!?,;:]\\s*)so much for\\b"
            + "|\\byeah,? right\\b(?!\\s+(?:after|before|now|away|here|there|when|then|on|in|at|into|back|up|down)\\b)";
    private static final Pattern IRONY_MARKERS = Pattern.compile(IRONY, Pattern.CASE_INSENSITIVE);
    /** Markers that make praise sarcastic: the ironic ones, and some that need the praise beside them. */
    private static final Pattern SARCASM_MARKERS = Pattern.compile(IRONY + "|😒|\\bcan'?t wait\\b.*\\bagain\\b"
            + "|\\bsure,? because\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATIVE_CUES = Pattern.compile("😡|🤬|😤|😠|💀|😭|\\b(?:worst|terrible|awful|useless|"
            + "ridiculous|unacceptable|disgrace|pathetic|furious|angry|wtf|fix it|fed up|horrible|garbage|trash)\\b"
            + "|!{3,}", Pattern.CASE_INSENSITIVE);

    /**
     * A praise keyword that gives thanks ("thank*", "muchas gracias", "un grand merci", "herzlichen dank"), in the
     * configured languages: it holds one of these roots.
     */
    private static final Pattern THANKS = Pattern.compile(".*(?:thank|thx|\\bty\\b|gracias|dank|merci|obrigad|grazie).*");

    private final TextMatch praiseWords;
    private final Set<String> complaintIntents;
    private final String praiseIntent;
    private final TextEmbedder embedder;
    private final ExampleIndex examples;
    private final Set<String> meaningLanguages;
    private final int negativePoints;

    /**
     * @param praiseWords      words of thanks and praise in every configured language (the praise intent's keywords)
     * @param complaintIntents intents that are complaints whatever their words
     * @param praiseIntent     the intent of genuine praise
     * @param embedder         for comparing meaning with the examples; null for the keyword engine
     * @param examples         the intent examples; may be empty
     * @param meaningLanguages languages whose posts may be found sarcastic by meaning: those the sentence model reads
     *                         well. The bundled model reads English; compared by meaning, praise in other languages
     *                         too often sat nearer the complaints (docs/QUALITY.md)
     * @param negativePoints   priority points negative sentiment adds
     */
    public ToneReader(List<String> praiseWords, Set<String> complaintIntents, String praiseIntent, TextEmbedder embedder,
                      ExampleIndex examples, Set<String> meaningLanguages, int negativePoints) {
        this.praiseWords = TextMatch.of(praiseWords);
        this.complaintIntents = Set.copyOf(complaintIntents);
        this.praiseIntent = praiseIntent;
        this.embedder = embedder;
        this.examples = examples;
        this.meaningLanguages = Set.copyOf(meaningLanguages);
        this.negativePoints = negativePoints;
    }

    /** Reads nothing: every post neutral. */
    public static ToneReader none() {
        return new ToneReader(List.of(), Set.of(), "", null, new ExampleIndex(), Set.of(), 0);
    }

    public int negativePoints() {
        return negativePoints;
    }

    /** Intents that are complaints whatever their words: what sarcastic praise really is. */
    public Set<String> complaintIntents() {
        return complaintIntents;
    }

    public String praiseIntent() {
        return praiseIntent;
    }

    /** @param language the post's language, as detected */
    public Tone read(String text, String folded, String intent, String language) {
        List<String> praiseFound = praiseWords.findIn(folded);
        boolean clapping = text.contains("👏");
        boolean praiseSounding = !praiseFound.isEmpty() || clapping;
        boolean negativeCue = NEGATIVE_CUES.matcher(text).find();
        // Praise in a complaint is sarcasm ("love paying twice 👏"); plain thanks is not by itself: "thanks, the refund
        // arrived" closes one.
        boolean onlyThanks = !clapping && praiseFound.stream().allMatch(word -> THANKS.matcher(word).matches());
        boolean complaint = complaintIntents.contains(intent);
        // The meaning check compares with every example: only praise-sounding posts without a marker need it.
        boolean sarcasm = (complaint && IRONY_MARKERS.matcher(text).find())
                || (praiseSounding && (SARCASM_MARKERS.matcher(text).find()
                        || (complaint && (!onlyThanks || negativeCue))
                        || (!complaint && meaningLanguages.contains(language) && closerToComplaints(text))));
        if (sarcasm || complaint || negativeCue) {
            return new Tone(Tone.Sentiment.NEGATIVE, sarcasm);
        }
        if (intent.equals(praiseIntent) || praiseSounding) return new Tone(Tone.Sentiment.POSITIVE, false);
        return Tone.neutral();
    }

    /** True when the closest complaint example is nearer than the closest praise example, by a clear margin. */
    private boolean closerToComplaints(String text) {
        if (embedder == null || examples.size() == 0) return false;
        double complaint = -1;
        double praise = -1;
        for (ExampleIndex.IntentSimilarity similarity : examples.similarities(embedder.embed(text), 3)) {
            if (complaintIntents.contains(similarity.intent())) complaint = Math.max(complaint, similarity.meanTopK());
            if (similarity.intent().equals(praiseIntent)) praise = similarity.meanTopK();
        }
        return complaint > praise + 0.02;
    }
}
