package org.carebot.triage;

import org.carebot.triage.TriageRules.PriorityWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TriageRulesTest {

    @ParameterizedTest
    @CsvSource({"4, 4, 2", "7, 4, 4", "2, 4, 7", "7, 2, 4"})
    void priority_thresholds_that_do_not_fall_are_rejected(int p1, int p2, int p3) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PriorityWeights(Map.of(), List.of(), 1, 3, p1, p2, p3));
        assertTrue(e.getMessage().contains("p1 > p2 > p3"), e.getMessage());
    }

    @Test
    void falling_priority_thresholds_are_accepted() {
        PriorityWeights weights = new PriorityWeights(Map.of(), List.of(), 1, 3, 7, 4, 2);
        assertEquals(7, weights.p1());
    }

    @Test
    void rules_are_copied_so_later_changes_to_the_inputs_do_not_leak_in() {
        List<String> keywords = new ArrayList<>(List.of("down"));
        TriageRules.IntentRule intent = new TriageRules.IntentRule("outage_report", keywords, 3);
        keywords.add("outage");
        assertEquals(List.of("down"), intent.keywords());
        assertThrows(UnsupportedOperationException.class, () -> intent.keywords().add("x"));
    }

    @Test
    void an_intent_needs_a_name() {
        assertThrows(NullPointerException.class, () -> new TriageRules.IntentRule(null, List.of(), 0));
    }
}
