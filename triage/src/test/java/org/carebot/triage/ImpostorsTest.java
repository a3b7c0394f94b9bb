package org.carebot.triage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImpostorsTest {

    private final Impostors impostors = new Impostors(List.of("acmecloud", "acme-cloud"),
            List.of("@AcmeCloud", "@AcmeCloudHelp"));

    private static Author handle(String handle) {
        return new Author("1", handle, null, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@AcmeCloud_Support", "@AcmeCl0ud_Help", "@acme_cloud_refunds", "@AcmeCloudSoporte",
            "@Acme-Cloud-Care24"})
    void a_handle_with_the_brand_and_a_support_word_is_an_impostor(String handle) {
        assertEquals(Optional.of(handle), impostors.of(handle(handle)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@AcmeCloud", "@acmecloudhelp", "AcmeCloudHelp", "@dana_k", "@acmecloudfan",
            "@help_desk_jane"})
    void the_brands_own_handles_customers_and_fans_are_not(String handle) {
        assertEquals(Optional.empty(), impostors.of(handle(handle)));
    }

    @Test
    void a_display_name_imitating_support_counts_unless_the_handle_is_official() {
        assertEquals(Optional.of("\"Acme Cloud Support\""),
                impostors.of(new Author("2", "@random_4412", "Acme Cloud Support", null, null)));
        assertEquals(Optional.empty(), impostors.of(new Author("3", "@AcmeCloud", "Acme Cloud Support", null, null)));
        assertEquals(Optional.empty(), impostors.of(Author.unknown()));
    }

    @ParameterizedTest
    @CsvSource({"@AcmeCl0ud_Help, true", "@dana_k, false"})
    void a_post_from_an_impostor_is_suppressed_with_the_reason(String handle, boolean suppressed) {
        Post post = new Post("x", "9", handle(handle), "Hi! We saw your complaint, send us your login email so we can fix it",
                null, null, null);
        Triage triage = TriageFixtures.engine().triage(post);
        assertEquals(suppressed, triage.spam());
        if (suppressed) assertTrue(triage.reasons().get(0).contains("account imitating the brand's support @AcmeCl0ud_Help"),
                triage.reasons().toString());
    }
}
