package org.carebot.triage;

import java.util.Arrays;
import java.util.List;

/**
 * The surface form of texts as TF-IDF vectors of character 3- to 5-grams inside words, plus whole words. Sentence
 * embeddings from an English model place Spanish, German, French and Portuguese posts close together whatever they
 * say; shared word pieces ("reembols", "passwort", "factur") still tell them apart, across inflections and typos.
 * Rows are compared to a query through an inverted index, so a query costs only the grams it shares with the table.
 * Grams are 64-bit hashes, never strings: this runs for every post, and string grams made it a sixth of triage time.
 */
final class CharGramTable {

    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long WORD_SEED = 0x9e3779b97f4a7c15L;

    private final int rows;
    /** Every gram of the table, by hash: open addressing, a gram's id is in {@code slotIds} (-1: free slot). */
    private final long[] slotGrams;
    private final int[] slotIds;
    private final int slotMask;
    private final float[] idf;
    private final float unseenIdf;
    /** The rows holding gram {@code id} are {@code postingRows[postingStart[id] .. postingStart[id + 1])}. */
    private final int[] postingStart;
    private final int[] postingRows;
    private final float[] postingWeights;

    CharGramTable(List<String> texts) {
        this.rows = texts.size();
        GramCounts[] countsOf = new GramCounts[rows];
        long[] all = new long[0];
        int total = 0;
        for (int row = 0; row < rows; row++) {
            countsOf[row] = GramCounts.of(grams(texts.get(row)));
            long[] distinct = countsOf[row].grams();
            if (total + distinct.length > all.length) {
                all = Arrays.copyOf(all, Math.max(2 * all.length, total + distinct.length));
            }
            System.arraycopy(distinct, 0, all, total, distinct.length);
            total += distinct.length;
        }
        all = Arrays.copyOf(all, total);
        Arrays.sort(all);
        int[] documentFrequency = new int[total];
        int size = 0;
        for (int i = 0; i < total; i++) {
            if (size > 0 && all[size - 1] == all[i]) {
                documentFrequency[size - 1]++;
            } else {
                all[size] = all[i];
                documentFrequency[size++] = 1;
            }
        }
        int slots = Integer.highestOneBit(Math.max(4, size) * 2) * 2;
        this.slotGrams = new long[slots];
        this.slotIds = new int[slots];
        this.slotMask = slots - 1;
        Arrays.fill(slotIds, -1);
        for (int id = 0; id < size; id++) {
            int slot = slotOf(all[id]);
            while (slotIds[slot] != -1) slot = (slot + 1) & slotMask;
            slotGrams[slot] = all[id];
            slotIds[slot] = id;
        }
        this.idf = new float[size];
        for (int id = 0; id < size; id++) idf[id] = idf(rows, documentFrequency[id]);
        this.unseenIdf = idf(rows, 0);

        this.postingStart = new int[size + 1];
        for (int id = 0; id < size; id++) postingStart[id + 1] = postingStart[id] + documentFrequency[id];
        this.postingRows = new int[postingStart[size]];
        this.postingWeights = new float[postingStart[size]];
        int[] filled = new int[size];
        for (int row = 0; row < rows; row++) {
            Weighted vector = weigh(countsOf[row]);
            for (int i = 0; i < vector.ids().length; i++) {
                int id = vector.ids()[i];
                int at = postingStart[id] + filled[id]++;
                postingRows[at] = row;
                postingWeights[at] = vector.weights()[i];
            }
        }
    }

    /** Cosine similarity of the text to every row, in row order. */
    float[] similarities(String text) {
        float[] scores = new float[rows];
        if (rows == 0) return scores;
        Weighted query = weigh(GramCounts.of(grams(text)));
        for (int i = 0; i < query.ids().length; i++) {
            int id = query.ids()[i];
            float weight = query.weights()[i];
            for (int at = postingStart[id]; at < postingStart[id + 1]; at++) scores[postingRows[at]] += weight * postingWeights[at];
        }
        return scores;
    }

    private int slotOf(long gram) {
        return (int) (gram ^ (gram >>> 29)) & slotMask;
    }

    /** The id of a gram, or -1 when no row has it. */
    private int idOf(long gram) {
        for (int slot = slotOf(gram); ; slot = (slot + 1) & slotMask) {
            int id = slotIds[slot];
            if (id == -1 || slotGrams[slot] == gram) return id;
        }
    }

    /** The grams of a vector that the table knows, with their unit-length TF-IDF weights. */
    private record Weighted(int[] ids, float[] weights) {
    }

    /**
     * Sublinear term frequency times inverse document frequency, scaled to unit length. Grams the table has never seen
     * count toward the length (they make a text less like every row) but have no id to match.
     */
    private Weighted weigh(GramCounts text) {
        int distinct = text.grams().length;
        int[] ids = new int[distinct];
        float[] idfs = new float[distinct];
        for (int i = 0; i < distinct; i++) {
            ids[i] = idOf(text.grams()[i]);
            idfs[i] = ids[i] >= 0 ? idf[ids[i]] : unseenIdf;
        }
        float[] all = unitWeights(text.counts(), idfs);
        int[] knownIds = new int[distinct];
        float[] weights = new float[distinct];
        int known = 0;
        for (int i = 0; i < distinct; i++) {
            if (ids[i] < 0) continue;
            knownIds[known] = ids[i];
            weights[known++] = all[i];
        }
        return new Weighted(Arrays.copyOf(knownIds, known), Arrays.copyOf(weights, known));
    }

    /** Smoothed inverse document frequency: rare grams weigh more, and a gram found in every text still counts. */
    static float idf(int documents, int documentFrequency) {
        return (float) (Math.log((1.0 + documents) / (1.0 + documentFrequency)) + 1);
    }

    /** Sublinear term frequency times each gram's IDF, scaled so the whole vector has unit length. */
    static float[] unitWeights(int[] counts, float[] idfs) {
        float[] weights = new float[counts.length];
        double norm = 0;
        for (int i = 0; i < counts.length; i++) {
            double weight = (1 + Math.log(counts[i])) * idfs[i];
            norm += weight * weight;
            weights[i] = (float) weight;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < weights.length; i++) weights[i] *= scale;
        return weights;
    }

    /** The distinct grams of a text, sorted, and how often each occurs. */
    record GramCounts(long[] grams, int[] counts) {
        static GramCounts of(long[] grams) {
            long[] sorted = grams.clone();
            Arrays.sort(sorted);
            int[] counts = new int[sorted.length];
            int size = 0;
            for (long gram : sorted) {
                if (size > 0 && sorted[size - 1] == gram) {
                    counts[size - 1]++;
                } else {
                    sorted[size] = gram;
                    counts[size++] = 1;
                }
            }
            return new GramCounts(Arrays.copyOf(sorted, size), Arrays.copyOf(counts, size));
        }
    }

    /** The gram hashes of a text, with repeats: each word padded with spaces, its 3- to 5-grams, and the word itself. */
    static long[] grams(String text) {
        if (text == null) return new long[0];
        String folded = TextMatch.fold(text);
        long[] grams = new long[Math.max(8, folded.length() * 4)];
        int count = 0;
        int length = folded.length();
        int start = 0;
        while (start < length) {
            while (start < length && !Character.isLetterOrDigit(folded.charAt(start))) start++;
            int end = start;
            while (end < length && Character.isLetterOrDigit(folded.charAt(end))) end++;
            // An account's handle says whom a post is for, not what it says: "@AcmeCloud" alone shared its pieces with
            // every example that names the brand's account, a self-harm one among them.
            boolean handle = start > 0 && folded.charAt(start - 1) == '@'
                    && (start == 1 || !Character.isLetterOrDigit(folded.charAt(start - 2)));
            if (end > start && !handle) {
                int padded = end - start + 2;
                int needed = count + 1 + padded * (MAX_GRAM - MIN_GRAM + 1);
                if (needed > grams.length) grams = Arrays.copyOf(grams, Math.max(needed, grams.length * 2));
                long word = WORD_SEED;
                for (int i = start; i < end; i++) word = (word ^ folded.charAt(i)) * FNV_PRIME;
                grams[count++] = word;
                for (int from = 0; from + MIN_GRAM <= padded; from++) {
                    long hash = FNV_OFFSET;
                    for (int n = 1; n <= MAX_GRAM && from + n <= padded; n++) {
                        int position = from + n - 1;
                        char c = position == 0 || position == padded - 1 ? ' ' : folded.charAt(start + position - 1);
                        hash = (hash ^ c) * FNV_PRIME;
                        if (n >= MIN_GRAM) grams[count++] = hash ^ n;
                    }
                }
            }
            start = end;
        }
        return Arrays.copyOf(grams, count);
    }
}
