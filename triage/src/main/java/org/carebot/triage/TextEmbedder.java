package org.carebot.triage;

import java.util.List;

/** Turns texts into unit-length vectors whose dot product is their cosine similarity. Thread-safe. */
public interface TextEmbedder {

    List<float[]> embedAll(List<String> texts);

    default float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /** Dot product of unit vectors; four running sums so the JIT can keep the multiplier busy. */
    static double cosine(float[] a, float[] b) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) s0 += a[i] * b[i];
        return (double) s0 + s1 + s2 + s3;
    }
}
