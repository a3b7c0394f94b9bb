package org.carebot.triage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextMatchTest {

    private static List<String> find(List<String> keywords, String text) {
        return TextMatch.of(keywords).findIn(TextMatch.fold(text));
    }

    @Nested
    class Folding {

        @Test
        void folding_lowercases_and_strips_accents() {
            assertEquals("storung cafe resume", TextMatch.fold("Störung CAFÉ Résumé"));
        }

        @Test
        void folding_decomposes_compatibility_characters() {
            assertEquals("file 2", TextMatch.fold("\uFB01le \u2082"));
        }

        @Test
        void a_pile_of_combining_marks_is_cut_and_ordinary_accents_are_kept() {
            String zalgo = "h" + "\u0301".repeat(40) + "i" + "\u0308".repeat(3);
            assertEquals("h" + "\u0301".repeat(TextMatch.MARKS_IN_A_ROW) + "i" + "\u0308".repeat(3),
                    TextMatch.capMarkRuns(zalgo));
            assertEquals(TextMatch.MARKS_IN_A_ROW, TextMatch.capMarkRuns("\u0301".repeat(20_000)).length());
            String ordinary = "Cafe\u0301 क्षत्रिय Störung 😡";
            assertEquals(ordinary, TextMatch.capMarkRuns(ordinary));
        }
    }

    @Nested
    class WholeWords {

        @Test
        void a_keyword_matches_regardless_of_case() {
            assertEquals(List.of("down"), find(List.of("down"), "Is Acme Cloud DOWN again?"));
        }

        @Test
        void a_keyword_matches_regardless_of_accents_on_either_side() {
            assertEquals(List.of("storung"), find(List.of("störung"), "Große STORUNG heute"));
            assertEquals(List.of("cafe"), find(List.of("cafe"), "Le café est fermé"));
        }

        @Test
        void a_keyword_does_not_match_inside_a_longer_word() {
            assertEquals(List.of(), find(List.of("down"), "The download failed"));
            assertEquals(List.of(), find(List.of("down"), "lockdown rules"));
        }

        @Test
        void punctuation_and_hyphens_count_as_word_boundaries() {
            assertEquals(List.of("down"), find(List.of("down"), "down-time? down!"));
        }

        @Test
        void a_multi_word_keyword_matches_as_a_phrase() {
            assertEquals(List.of("no funciona"), find(List.of("no funciona"), "La app NO FUNCIÓNA desde ayer"));
            assertEquals(List.of(), find(List.of("no funciona"), "no, hoy funciona"));
        }

        @Test
        void regex_characters_in_a_keyword_are_matched_literally() {
            assertEquals(List.of("c++"), find(List.of("c++"), "Is there a C++ SDK?"));
            assertEquals(List.of(), find(List.of("5.0"), "version 500"));
        }

        @Test
        void a_keyword_ending_in_a_sign_may_run_into_a_number() {
            assertEquals(List.of("earn $"), find(List.of("earn $"), "Earn $500 a day from home"));
            assertEquals(List.of(), find(List.of("earn"), "learn $500 skills"));
        }

        @Test
        void a_keyword_with_an_apostrophe_matches_the_same_apostrophe_in_the_text() {
            assertEquals(List.of("can't go on"), find(List.of("can't go on"), "I can't go on"));
        }

        @Test
        void a_typographic_apostrophe_in_the_text_matches_a_keyword_written_with_a_straight_one() {
            assertEquals(List.of("can't go on"), find(List.of("can't go on"), "I can\u2019t go on"));
        }
    }

    @Nested
    class Prefixes {

        @Test
        void a_keyword_ending_in_a_star_matches_any_word_starting_with_it() {
            assertEquals(List.of("refund"), find(List.of("refund*"), "I was never refunded"));
            assertEquals(List.of("refund"), find(List.of("refund*"), "Refund please"));
        }

        @Test
        void a_prefix_keyword_must_still_start_a_word() {
            assertEquals(List.of(), find(List.of("refund*"), "prerefund stage"));
        }

        @Test
        void a_prefix_keyword_is_reported_without_its_star() {
            assertEquals(List.of("crash"), find(List.of("crash*"), "it crashes and crashed"));
        }
    }

    @Nested
    class Results {

        @Test
        void each_keyword_is_reported_once_in_order_of_first_appearance() {
            assertEquals(List.of("refund", "down"),
                    find(List.of("down", "refund*"), "refund! down, down and refunds"));
        }

        @Test
        void keywords_are_reported_in_their_folded_form() {
            assertEquals(List.of("contrasena"), find(List.of("  Contraseña "), "olvidé mi contraseña"));
        }

        @Test
        void blank_keywords_are_ignored_and_no_keywords_find_nothing() {
            assertEquals(List.of(), find(List.of(" ", ""), "anything at all"));
            assertEquals(List.of(), find(List.of(), "anything at all"));
        }

        @Test
        void nothing_is_found_in_empty_text() {
            assertEquals(List.of(), find(List.of("down"), ""));
        }
    }
}
