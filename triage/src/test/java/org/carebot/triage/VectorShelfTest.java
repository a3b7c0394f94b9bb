package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VectorShelfTest {

    private final Map<String, Integer> rows = new HashMap<>();
    private final VectorShelf<String> shelf = new VectorShelf<>(rows::put);

    @Test
    void scores_every_row_and_keeps_rows_packed_when_one_leaves() {
        shelf.add("a", new float[]{1, 0});
        shelf.add("b", new float[]{0, 1});
        shelf.add("c", new float[]{0.6f, 0.8f});

        shelf.remove(rows.get("a"));

        assertEquals(2, shelf.size());
        assertEquals(0, rows.get("c"), "the last row took the removed row's place");
        assertEquals("c", shelf.item(0));
        float[] scores = shelf.dot(new float[]{1, 0});
        assertEquals(0.6f, scores[rows.get("c")], 1e-6);
        assertEquals(0f, scores[rows.get("b")], 1e-6);
    }

    @Test
    void grows_past_its_first_capacity_and_agrees_with_the_dot_product_row_by_row() {
        Random random = new Random(5);
        Map<String, float[]> vectors = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            float[] vector = new float[8];
            for (int d = 0; d < vector.length; d++) vector[d] = random.nextFloat() - 0.5f;
            vectors.put("v" + i, vector);
            shelf.add("v" + i, vector);
        }
        for (int i = 0; i < 100; i += 3) {
            shelf.remove(rows.get("v" + i));
            rows.remove("v" + i);
            vectors.remove("v" + i);
        }
        float[] query = {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, -0.8f};
        float[] scores = shelf.dot(query);
        assertEquals(vectors.size(), shelf.size());
        vectors.forEach((name, vector) -> assertEquals(TextEmbedder.cosine(query, vector), scores[rows.get(name)], 1e-5));
    }

    @Test
    void refuses_vectors_of_another_size() {
        shelf.add("a", new float[]{1, 0});
        assertThrows(IllegalArgumentException.class, () -> shelf.add("b", new float[]{1, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> shelf.dot(new float[]{1}));
    }
}
