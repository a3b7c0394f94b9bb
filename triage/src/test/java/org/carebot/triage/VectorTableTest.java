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
    void any_number_of_dimensions_is_scanned_whole() {
        Random random = new Random(5);
        for (int dimensions = 1; dimensions <= 9; dimensions++) {
            List<float[]> rows = List.of(randomVector(random, dimensions), randomVector(random, dimensions));
            float[] query = randomVector(random, dimensions);

            float[] scores = new VectorTable(rows).dot(query);

            for (int r = 0; r < rows.size(); r++) {
                double expected = 0;
                for (int d = 0; d < dimensions; d++) expected += query[d] * rows.get(r)[d];
                assertEquals(expected, scores[r], 1e-5, dimensions + " dimensions, row " + r);
            }
        }
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
        return randomVector(random, 384);
    }

    private static float[] randomVector(Random random, int dimensions) {
        float[] v = new float[dimensions];
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
        return v;
    }
}
