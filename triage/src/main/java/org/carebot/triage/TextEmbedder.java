package org.carebot.triage;

import java.util.List;

/** Turns texts into unit-length vectors whose dot product is their cosine similarity. Thread-safe. */
public interface TextEmbedder {

    List<float[]> embedAll(List<String> texts);

    default float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
        return dot;
    }
}
