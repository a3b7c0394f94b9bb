package org.carebot.triage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PhishingLinksTest {

    private final PhishingLinks links = new PhishingLinks(List.of("acmecloud"), List.of("acmecloud.com"));

    @Nested
    class Lookalikes {

        @Test
        void the_brands_handle_followed_by_a_full_stop_and_a_word_is_no_link_but_other_hosts_after_an_at_are() {
            PhishingLinks withHandles = new PhishingLinks(List.of("acmecloud"), List.of("acmecloud.com"),
                    List.of("@AcmeCloud", "@AcmeCloudHelp"));
            assertEquals(List.of(), withHandles.lookalikes("@AcmeCloud.it keeps crashing since the update"));
            assertEquals(List.of(), withHandles.lookalikes("same here @acmecloudhelp.me too"));
            assertEquals(List.of("acmecl0ud-refund.com"), withHandles.lookalikes("DM @acmecl0ud-refund.com now"));
            assertEquals(List.of("acmecloudrefunds.help"), withHandles.lookalikes("write @AcmeCloudRefunds.help"));
            assertEquals(List.of("acmecl0ud.it"), withHandles.lookalikes("write to refunds@acmecl0ud.it for your money"));
            assertEquals(List.of("acmecl0ud.it"), withHandles.lookalikes("go to https://acmecl0ud.it now"));
        }

        @ParameterizedTest
        @CsvSource({
                "'Get your refund at acmec1oud-refund.com today', acmec1oud-refund.com",
                "'Support: acme-cloud-support.help', acme-cloud-support.help",
                "'Log in here https://acmecloud.com.evil.io/login', acmecloud.com.evil.io",
                "'https://acmecl0ud.com/verify?user=1', acmecl0ud.com",
                "'Visit ACMECLOUD-Billing.NET now', acmecloud-billing.net"})
        void a_domain_imitating_the_brand_is_flagged_in_lowercase(String text, String domain) {
            assertEquals(List.of(domain), links.lookalikes(text));
        }

        @Test
        void a_host_of_many_labels_is_still_read_and_thousands_of_labels_do_not_overflow_the_stack() {
            assertEquals(List.of("login.verify.secure.account.update.billing.acmecloud.com.help.desk.example.ru"),
                    links.lookalikes("https://login.verify.secure.account.update.billing.acmecloud.com.help.desk"
                            + ".example.ru/x"));
            assertEquals(List.of(), links.lookalikes("www.".repeat(5_000)));
            assertEquals(List.of(), links.lookalikes("a.b.c.d.e.f.g.h.".repeat(1_250)));
        }

        @Test
        void each_lookalike_is_reported_once_in_order() {
            assertEquals(List.of("acmec1oud-refund.com", "acme-cloud-support.help"),
                    links.lookalikes("acmec1oud-refund.com or acme-cloud-support.help or "
                            + "https://acmec1oud-refund.com/claim"));
        }

        @Test
        void a_brand_token_written_with_separators_in_config_still_catches_lookalikes() {
            PhishingLinks hyphenated = new PhishingLinks(List.of("acme-cloud"), List.of("acmecloud.com"));
            assertEquals(List.of("acmec1oud-refund.com"), hyphenated.lookalikes("see acmec1oud-refund.com"));
        }
    }

    @Nested
    class NotLookalikes {

        @ParameterizedTest
        @ValueSource(strings = {"Check acmecloud.com for details", "See https://status.acmecloud.com/incidents",
                "WWW.ACMECLOUD.COM is down", "write to support@acmecloud.com", "Go to acmecloud.com.",
                "https://acmecloud.com/refund"})
        void the_official_domain_and_its_subdomains_are_not_flagged(String text) {
            assertEquals(List.of(), links.lookalikes(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"See https://github.com/acme/issues/1", "example.org and bbc.co.uk",
                "The app is down since v4.12.2", "no links at all"})
        void unrelated_domains_and_plain_text_are_not_flagged(String text) {
            assertEquals(List.of(), links.lookalikes(text));
        }

        @Test
        void official_domains_compare_case_insensitively() {
            PhishingLinks upper = new PhishingLinks(List.of("acmecloud"), List.of("AcmeCloud.com"));
            assertEquals(List.of(), upper.lookalikes("https://status.acmecloud.com"));
        }
    }
}
