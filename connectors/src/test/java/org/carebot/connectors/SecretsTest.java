package org.carebot.connectors;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {

    @Test
    void equal_secrets_are_equal() {
        assertTrue(Secrets.constantTimeEquals("s3cret_Token-1", "s3cret_Token-1"));
    }

    @Test
    void an_empty_secret_equals_only_an_empty_secret() {
        assertTrue(Secrets.constantTimeEquals("", ""));
        assertFalse(Secrets.constantTimeEquals("", "x"));
    }

    @Test
    void secrets_differing_in_one_character_or_in_case_are_not_equal() {
        assertFalse(Secrets.constantTimeEquals("s3cret", "s3creT"));
        assertFalse(Secrets.constantTimeEquals("s3cret", "S3cret"));
    }

    @Test
    void a_prefix_or_an_extension_of_the_secret_is_not_equal() {
        assertFalse(Secrets.constantTimeEquals("s3cret", "s3cre"));
        assertFalse(Secrets.constantTimeEquals("s3cret", "s3cret "));
    }

    @Test
    void null_on_either_side_or_both_is_never_equal() {
        assertFalse(Secrets.constantTimeEquals(null, "s3cret"));
        assertFalse(Secrets.constantTimeEquals("s3cret", null));
        assertFalse(Secrets.constantTimeEquals(null, null));
    }

    @Test
    void non_ascii_secrets_compare_by_their_utf8_bytes() {
        assertTrue(Secrets.constantTimeEquals("pässwörd", "pässwörd"));
        assertFalse(Secrets.constantTimeEquals("pässwörd", "password"));
    }
}
