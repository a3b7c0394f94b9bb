package org.carebot.triage;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Also proves Lingua's models load on the okio 3 the parent pom pins for Slack (moshi asks for okio 2). */
class LanguageGuessTest {

    private static LanguageGuess languages;

    @BeforeAll
    static void loadModels() {
        languages = TriageFixtures.languages();
    }

    @ParameterizedTest
    @CsvSource({
            "en, 'The app has been down since this morning and I cannot log in'",
            "es, 'La aplicación no funciona desde esta mañana y no puedo entrar'",
            "de, 'Die App funktioniert seit heute Morgen nicht und ich komme nicht rein'",
            "fr, 'L''application ne fonctionne plus depuis ce matin et je ne peux pas me connecter'",
            "pt, 'O aplicativo não funciona desde hoje de manhã e não consigo entrar'"})
    void a_sentence_is_detected_as_its_language(String expected, String text) {
        assertEquals(expected, languages.detect(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345 !!!", "   ", "🙂🙂🙂"})
    void text_without_language_is_undetermined(String text) {
        assertEquals(Triage.UNDETERMINED_LANGUAGE, languages.detect(text));
    }

    @Test
    void detection_needs_at_least_two_languages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LanguageGuess(List.of("en")));
        assertTrue(e.getMessage().contains("at least two"), e.getMessage());
    }

    @Test
    void an_unknown_language_code_is_rejected_with_its_name() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LanguageGuess.isoCode("xx"));
        assertTrue(e.getMessage().contains("'xx'"), e.getMessage());
    }

    @Test
    void language_codes_are_read_case_and_space_insensitively() {
        assertEquals(IsoCode639_1.DE, LanguageGuess.isoCode(" De "));
    }
}
