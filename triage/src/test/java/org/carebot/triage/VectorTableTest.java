package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VectorTableTest {

    @Test
    void each_score_is_the_dot_product_with_that_row() {
        Random random = new Random(3);
        List<float[]> rows = List.of(randomVector(random), randomVector(random), randomVector(random));
        float[] query = randomVector(random);

        float[] scores = new VectorTable(rows).dot(query);

        float[] expected = new float[rows.size()];
        for (int r = 0; r < rows.size(); r++) expected[r] = (float) TextEmbedder.cosine(query, rows.get(r));
        assertArrayEquals(expected, scores, 1e-5f);
    }

    @Test
    void an_empty_table_scores_nothing() {
        assertEquals(0, new VectorTable(List.of()).dot(new float[]{0, 1}).length);
    }

    @Test
    void vectors_of_another_length_are_refused() {
        VectorTable table = new VectorTable(List.of(new float[]{1, 0}));
        assertThrows(IllegalArgumentException.class, () -> table.dot(new float[]{1, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new VectorTable(List.of(new float[]{1}, new float[]{1, 0})));
    }

    private static float[] randomVector(Random random) {
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
        return v;
    }
}
