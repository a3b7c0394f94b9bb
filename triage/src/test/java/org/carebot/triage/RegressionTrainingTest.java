package org.carebot.triage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

class RegressionTrainingTest {

    @Test
    void settings_that_cannot_train_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new RegressionTraining(0, 1.0, 1e-4, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new RegressionTraining(40, 0, 1e-4, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new RegressionTraining(40, Double.NaN, 1e-4, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new RegressionTraining(40, 1.0, -1e-4, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new RegressionTraining(40, 1.0, 1e-4, -0.3));
        assertThrows(IllegalArgumentException.class,
                () -> new RegressionTraining(40, Double.POSITIVE_INFINITY, 1e-4, 0.3));
        assertThrows(IllegalArgumentException.class,
                () -> new RegressionTraining(40, 1.0, Double.POSITIVE_INFINITY, 0.3));
        assertThrows(IllegalArgumentException.class,
                () -> new RegressionTraining(40, 1.0, 1e-4, Double.POSITIVE_INFINITY));
    }
}
