package org.carebot.triage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The names priorities and sensitive flags have in config, JSON and routing rules. */
class ConfigNamesTest {

    @Test
    void a_priority_is_read_case_and_space_insensitively() {
        assertEquals(Priority.P1, Priority.parse(" p1 "));
        assertEquals(Priority.P4, Priority.parse("P4"));
    }

    @Test
    void an_unknown_priority_is_rejected_with_the_accepted_values() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Priority.parse("P5"));
        assertTrue(e.getMessage().contains("'P5'") && e.getMessage().contains("P1, P2, P3 or P4"), e.getMessage());
    }

    @Test
    void a_sensitive_flag_has_a_lowercase_snake_case_key_that_parses_back() {
        for (SensitiveFlag flag : SensitiveFlag.values()) {
            assertEquals(flag, SensitiveFlag.parse(flag.key()));
        }
        assertEquals("personal_data", SensitiveFlag.PERSONAL_DATA.key());
        assertEquals(SensitiveFlag.SELF_HARM, SensitiveFlag.parse(" Self_Harm "));
    }

    @Test
    void an_unknown_sensitive_flag_is_rejected_with_the_accepted_keys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SensitiveFlag.parse("violence"));
        assertTrue(e.getMessage().contains("'violence'") && e.getMessage().contains("legal_threat"), e.getMessage());
    }
}
