package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExampleIndexTest {

    @Test
    void meanOfTopIsTheMeanOfTheLargestValues() {
        assertEquals((0.9 + 0.8f + 0.7f) / 3, meanOfTop(new float[]{0.1f, 0.9f, 0.7f, 0.2f, 0.8f}, 3), 1e-6);
        assertEquals(0.5, meanOfTop(new float[]{0.5f}, 3), 1e-6, "fewer values than k: all of them");
        assertEquals(-0.25, meanOfTop(new float[]{-0.5f, 0f, -0.9f}, 2), 1e-6);
        assertEquals(0.8, ExampleIndex.meanOfTop(new float[]{0.9f, 0.1f, 0.8f, 0.7f, 0.95f}, 1, 4, 1), 1e-6,
                "only the slice counts");
        assertEquals(0, ExampleIndex.meanOfTop(new float[]{0.9f}, 1, 1, 3), "an empty slice");
    }

    @Test
    void meanOfTopAgreesWithSorting() {
        Random random = new Random(3);
        for (int trial = 0; trial < 500; trial++) {
            float[] values = new float[1 + random.nextInt(300)];
            for (int i = 0; i < values.length; i++) values[i] = random.nextFloat() * 2 - 1;
            int k = 1 + random.nextInt(7);
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            int take = Math.min(k, sorted.length);
            double sum = 0;
            for (int i = 0; i < take; i++) sum += sorted[sorted.length - 1 - i];
            assertEquals(sum / take, meanOfTop(values, k), 1e-12);
        }
    }

    private static double meanOfTop(float[] values, int k) {
        return ExampleIndex.meanOfTop(values, 0, values.length, k);
    }
}
