package org.carebot.triage;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether two posts are the same: exactly (same normalized words), nearly (SimHash within a few bits) or
 * semantically (embeddings at least this similar). Thresholds come from config.
 */
public final class Duplicates {

    /**
     * @param nearDuplicateBits  at most this many differing SimHash bits is a near repeat
     * @param semanticSimilarity at least this cosine similarity is the same post in other words
     */
    public record Settings(int nearDuplicateBits, double semanticSimilarity) {
        public static Settings defaults() {
            return new Settings(3, 0.88);
        }
    }

    /** How two posts are the same, and a score in 0..1 for people and for the CLI. */
    public record Match(Kind kind, double score) {
        public enum Kind {
            EXACT("same words"), NEAR("near repeat"), SEMANTIC("same issue");

            private final String label;

            Kind(String label) {
                this.label = label;
            }

            /** How people are told of this kind of match. */
            public String label() {
                return label;
            }
        }

        /** "same words", "near repeat", or "same issue 0.91" with the similarity. */
        public String describe() {
            return kind == Kind.SEMANTIC ? String.format(Locale.ROOT, "%s %.2f", kind.label(), score) : kind.label();
        }
    }

    private final Settings settings;

    public Duplicates(Settings settings) {
        this.settings = settings;
    }

    public Optional<Match> match(Fingerprint a, Fingerprint b) {
        return sameWords(a, b).or(() -> semantic(a.cosine(b)));
    }

    /** An exact or near repeat: the same normalized words, or SimHashes a few bits apart. */
    public Optional<Match> sameWords(Fingerprint a, Fingerprint b) {
        if (a.exactKey().equals(b.exactKey())) return Optional.of(new Match(Match.Kind.EXACT, 1.0));
        int bits = a.hammingDistance(b);
        if (bits <= settings.nearDuplicateBits()) return Optional.of(new Match(Match.Kind.NEAR, 1.0 - bits / 64.0));
        return Optional.empty();
    }

    public Settings settings() {
        return settings;
    }

    /** A semantic match when two posts' embeddings are at least this similar. */
    public Optional<Match> semantic(double cosine) {
        return isSemantic(cosine) ? Optional.of(new Match(Match.Kind.SEMANTIC, cosine)) : Optional.empty();
    }

    /** Whether posts this similar in meaning are the same issue. */
    public boolean isSemantic(double cosine) {
        return cosine >= settings.semanticSimilarity();
    }

    /** The match's score when the posts are the same, otherwise their embedding similarity (0 without embeddings). */
    public double score(Fingerprint a, Fingerprint b) {
        return match(a, b).map(Match::score).orElse(Math.max(0, a.cosine(b)));
    }
}
