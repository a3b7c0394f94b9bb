package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CharGramTableTest {

    private final CharGramTable table = new CharGramTable(List.of(
            "Quiero un reembolso de la factura de marzo",
            "Ich habe mein Passwort vergessen und komme nicht rein",
            "Le partage de dossier ne marche plus depuis la mise à jour"));

    @Test
    void an_inflected_word_with_a_typo_still_meets_its_example() {
        float[] similarities = table.similarities("me reembolsan la facturacion??");
        assertTrue(similarities[0] > 0.2, "shares reembols-, factur-: " + similarities[0]);
        assertTrue(similarities[0] > 3 * Math.max(similarities[1], similarities[2]));
    }

    @Test
    void accents_and_case_do_not_matter() {
        float[] plain = table.similarities("PASSWORT VERGESSEN");
        float[] accented = table.similarities("passwört vergéssen");
        assertEquals(plain[1], accented[1], 1e-6);
        assertTrue(plain[1] > plain[0]);
    }

    @Test
    void a_text_is_most_similar_to_itself_and_shares_nothing_with_emoji() {
        float[] self = table.similarities("Le partage de dossier ne marche plus depuis la mise à jour");
        assertEquals(1.0, self[2], 1e-5);
        float[] emoji = table.similarities("🔥🔥🔥 !!!");
        for (float similarity : emoji) assertEquals(0, similarity);
    }

    @Test
    void an_empty_table_answers_nothing() {
        assertEquals(0, new CharGramTable(List.of()).similarities("anything").length);
    }

    @Test
    void an_accounts_handle_gives_no_pieces_but_an_email_address_does() {
        assertArrayEquals(CharGramTable.grams("pls help"), CharGramTable.grams("@AcmeCloud pls help"));
        assertFalse(java.util.Arrays.equals(CharGramTable.grams("pls help"),
                CharGramTable.grams("pls help dana@acmecloud.com")));
    }
}
