package org.carebot.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The surface form of texts as TF-IDF vectors of character 3- to 5-grams inside words, plus whole words. Sentence
 * embeddings from an English model place Spanish, German, French and Portuguese posts close together whatever they
 * say; shared word pieces ("reembols", "passwort", "factur") still tell them apart, across inflections and typos.
 * Rows are compared to a query through an inverted index, so a query costs only the grams it shares with the table.
 */
final class CharGramTable {

    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;

    private record Posting(int row, float weight) {
    }

    private final int rows;
    private final Map<String, Float> idf = new HashMap<>();
    private final Map<String, List<Posting>> postings = new HashMap<>();
    private final float unseenIdf;

    CharGramTable(List<String> texts) {
        this.rows = texts.size();
        List<Map<String, Integer>> counts = new ArrayList<>(rows);
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (String text : texts) {
            Map<String, Integer> grams = grams(text);
            counts.add(grams);
            grams.keySet().forEach(gram -> documentFrequency.merge(gram, 1, Integer::sum));
        }
        documentFrequency.forEach((gram, df) -> idf.put(gram, (float) (Math.log((1.0 + rows) / (1.0 + df)) + 1)));
        this.unseenIdf = (float) (Math.log(1.0 + rows) + 1);
        for (int row = 0; row < rows; row++) {
            Map<String, Float> vector = weigh(counts.get(row));
            for (Map.Entry<String, Float> entry : vector.entrySet()) {
                postings.computeIfAbsent(entry.getKey(), g -> new ArrayList<>()).add(new Posting(row, entry.getValue()));
            }
        }
    }

    int rows() {
        return rows;
    }

    /** Cosine similarity of the text to every row, in row order. */
    float[] similarities(String text) {
        float[] scores = new float[rows];
        for (Map.Entry<String, Float> entry : weigh(grams(text)).entrySet()) {
            List<Posting> list = postings.get(entry.getKey());
            if (list == null) continue;
            float weight = entry.getValue();
            for (Posting posting : list) scores[posting.row()] += weight * posting.weight();
        }
        return scores;
    }

    /** Sublinear term frequency times inverse document frequency, scaled to unit length. */
    private Map<String, Float> weigh(Map<String, Integer> counts) {
        Map<String, Float> vector = new HashMap<>(counts.size() * 2);
        double norm = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            float weight = (float) ((1 + Math.log(entry.getValue())) * idf.getOrDefault(entry.getKey(), unseenIdf));
            vector.put(entry.getKey(), weight);
            norm += weight * weight;
        }
        if (norm == 0) return vector;
        float scale = (float) (1 / Math.sqrt(norm));
        vector.replaceAll((gram, weight) -> weight * scale);
        return vector;
    }

    /** Counts of the grams of a text: each word padded with spaces, its 3- to 5-grams, and the word itself. */
    static Map<String, Integer> grams(String text) {
        Map<String, Integer> grams = new HashMap<>();
        if (text == null) return grams;
        String folded = TextMatch.fold(text);
        int length = folded.length();
        int start = 0;
        while (start < length) {
            while (start < length && !Character.isLetterOrDigit(folded.charAt(start))) start++;
            int end = start;
            while (end < length && Character.isLetterOrDigit(folded.charAt(end))) end++;
            if (end > start) addWord(folded.substring(start, end), grams);
            start = end;
        }
        return grams;
    }

    private static void addWord(String word, Map<String, Integer> grams) {
        grams.merge("w:" + word, 1, Integer::sum);
        String padded = " " + word + " ";
        for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
            for (int i = 0; i + n <= padded.length(); i++) grams.merge(padded.substring(i, i + n), 1, Integer::sum);
        }
    }
}
