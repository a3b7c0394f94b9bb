package org.carebot.triage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorTest {

    @Test
    void an_author_is_shown_by_handle_first() {
        assertEquals("@jane", new Author("1", "@jane", "Jane Doe", null, null).display());
    }

    @Test
    void an_author_without_handle_is_shown_by_name() {
        assertEquals("Jane Doe", new Author("1", " ", "Jane Doe", null, null).display());
    }

    @Test
    void an_author_without_handle_or_name_is_shown_by_id_else_unknown() {
        assertEquals("1", new Author("1", null, "", null, null).display());
        assertEquals("unknown", Author.unknown().display());
    }

    @Test
    void only_an_explicit_true_counts_as_verified() {
        assertTrue(new Author(null, null, null, null, true).isVerified());
        assertFalse(new Author(null, null, null, null, false).isVerified());
        assertFalse(new Author(null, null, null, null, null).isVerified());
    }
}
