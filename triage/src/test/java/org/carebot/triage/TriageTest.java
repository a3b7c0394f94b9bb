package org.carebot.triage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TriageTest {

    private static Triage triage(double confidence, Set<SensitiveFlag> sensitive, boolean humanOnly) {
        return new Triage("billing_issue", confidence, Priority.P3, List.of("billing_issue (+2)"), false, sensitive,
                humanOnly, "en");
    }

    @Nested
    class HumanOnlyInvariant {

        @Test
        void sensitive_content_that_is_not_human_only_is_rejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> triage(0.5, Set.of(SensitiveFlag.LEGAL_THREAT), false));
            assertTrue(e.getMessage().contains("human-only"), e.getMessage());
        }

        @Test
        void sensitive_content_that_is_human_only_is_accepted() {
            Triage triage = triage(0.5, Set.of(SensitiveFlag.LEGAL_THREAT), true);
            assertEquals(Set.of(SensitiveFlag.LEGAL_THREAT), triage.sensitive());
        }

        @Test
        void human_only_without_sensitive_content_is_accepted() {
            assertTrue(triage(0.5, Set.of(), true).humanOnly());
        }
    }

    @Nested
    class Confidence {

        @ParameterizedTest
        @ValueSource(doubles = {-0.01, 1.01, -1, 2})
        void a_confidence_outside_zero_to_one_is_rejected(double confidence) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> triage(confidence, Set.of(), false));
            assertTrue(e.getMessage().contains("0..1"), e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, 0.5, 1})
        void a_confidence_from_zero_to_one_inclusive_is_accepted(double confidence) {
            assertEquals(confidence, triage(confidence, Set.of(), false).intentConfidence());
        }
    }

    @Nested
    class Values {

        @Test
        void intent_and_priority_are_required() {
            assertThrows(NullPointerException.class,
                    () -> new Triage(null, 0, Priority.P4, List.of(), false, Set.of(), false, "en"));
            assertThrows(NullPointerException.class,
                    () -> new Triage("other", 0, null, List.of(), false, Set.of(), false, "en"));
        }

        @Test
        void a_missing_language_reads_as_undetermined() {
            Triage triage = new Triage("other", 0, Priority.P4, List.of(), false, Set.of(), false, null);
            assertEquals(Triage.UNDETERMINED_LANGUAGE, triage.language());
        }

        @Test
        void reasons_and_flags_are_copied_and_unmodifiable() {
            List<String> reasons = new ArrayList<>(List.of("fraud (+3)"));
            Set<SensitiveFlag> flags = EnumSet.of(SensitiveFlag.FRAUD);
            Triage triage = new Triage("other", 0, Priority.P3, reasons, false, flags, true, "en");
            reasons.add("later");
            flags.add(SensitiveFlag.MEDICAL);
            assertEquals(List.of("fraud (+3)"), triage.reasons());
            assertEquals(Set.of(SensitiveFlag.FRAUD), triage.sensitive());
            assertThrows(UnsupportedOperationException.class, () -> triage.reasons().add("x"));
            assertThrows(UnsupportedOperationException.class, () -> triage.sensitive().add(SensitiveFlag.SAFETY));
            assertDoesNotThrow(triage::toString);
        }
    }
}
