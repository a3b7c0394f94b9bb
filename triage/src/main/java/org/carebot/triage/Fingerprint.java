package org.carebot.triage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes two posts the same: their normalized words (exact repeats), a 64-bit SimHash of their word shingles
 * (near repeats: an emoji, a hashtag or a typo apart) and their embedding (the same thing in other words).
 */
public record Fingerprint(String exactKey, long simHash, float[] vector) {

    private static final Pattern URL = Pattern.compile("https?://\\S+|www\\.\\S+");
    private static final Pattern MENTION = Pattern.compile("(^|\\s)[@#](\\w+)");
    private static final Pattern RETWEET = Pattern.compile("^rt\\s+@\\w+:?\\s*");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /**
     * Folded, without links, the retweet prefix, @mentions, #hashtags, punctuation and emoji; single spaces. Reposts add
     * and drop exactly these, so they must not make two copies look different.
     */
    public static String normalize(String text) {
        String folded = TextMatch.fold(text);
        folded = RETWEET.matcher(folded).replaceFirst("");
        folded = URL.matcher(folded).replaceAll(" ");
        folded = MENTION.matcher(folded).replaceAll("$1");
        return NOT_WORD.matcher(folded).replaceAll(" ").trim();
    }

    public static Fingerprint of(String text, float[] vector) {
        String normalized = normalize(text);
        // A post of no words ("@AcmeCloud 😡", a bare link) is compared by what it has instead: normalized to nothing,
        // "😡" and "👍" were the same words, and every such post joined the first open one.
        // Nor is such a post compared by meaning: the model reads emoji as unknown, so "😡" and "😍" embed alike.
        if (normalized.isEmpty()) {
            String whatItHas = TextMatch.fold(text).strip().replaceAll("\\s+", " ");
            return new Fingerprint(sha256(whatItHas), simHash(whatItHas), null);
        }
        return new Fingerprint(sha256(normalized), simHash(normalized), vector);
    }

    /** Charikar's SimHash over word unigrams and bigrams, so short posts still have enough features. */
    static long simHash(String normalized) {
        String[] words = normalized.isEmpty() ? new String[0] : normalized.split(" ");
        List<String> features = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            features.add(words[i]);
            if (i + 1 < words.length) features.add(words[i] + " " + words[i + 1]);
        }
        int[] weights = new int[64];
        for (String feature : features) {
            long hash = fnv64(feature);
            for (int bit = 0; bit < 64; bit++) weights[bit] += ((hash >>> bit) & 1) == 1 ? 1 : -1;
        }
        long simHash = 0;
        for (int bit = 0; bit < 64; bit++) if (weights[bit] > 0) simHash |= 1L << bit;
        return simHash;
    }

    public int hammingDistance(Fingerprint other) {
        return Long.bitCount(simHash ^ other.simHash);
    }

    public double cosine(Fingerprint other) {
        return vector == null || other.vector == null ? 0 : TextEmbedder.cosine(vector, other.vector);
    }

    private static long fnv64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
