package org.carebot.triage;

import org.carebot.triage.PersonalData.Span;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonalDataTest {

    private final PersonalData personalData = TriageFixtures.personalData();

    private List<String> kinds(String text) {
        return personalData.find(text).stream().map(Span::kind).toList();
    }

    /** These kinds are found, and no digit is left in the masked text. */
    private void assertMaskedWhole(String text, String... kinds) {
        assertEquals(List.of(kinds), kinds(text));
        assertFalse(personalData.mask(text).matches(".*\\d.*"), personalData.mask(text));
    }

    @Nested
    class Emails {

        @Test
        void an_email_address_is_found_with_its_exact_offsets() {
            String text = "mail me at jane.doe+care@example.co.uk please";
            assertEquals(List.of(new Span("email", 11, 38)), personalData.find(text));
            assertEquals("jane.doe+care@example.co.uk", text.substring(11, 38));
        }

        @Test
        void an_at_handle_is_not_an_email_address() {
            assertEquals(List.of(), personalData.find("@AcmeCloud please help"));
        }

        @Test
        void an_address_with_an_apostrophe_is_masked_whole() {
            assertEquals("my address is [email hidden] and nobody replies",
                    personalData.mask("my address is sean.o'brien@eircom.net and nobody replies"));
            assertEquals("write to '[email hidden]' please", personalData.mask("write to 'jo@acme.com' please"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Bitte antworten an max.mueller(at)web.de, Danke", "my email: jane.doe [at] gmail [dot] com"})
        void an_address_spelled_out_against_bots_is_found(String text) {
            assertEquals(List.of("email"), kinds(text));
        }

        @Test
        void retina_image_names_are_not_addresses() {
            assertEquals(List.of(), personalData.find("icon@2x.png is blurry, so is logo@3x.jpeg"));
        }

        @Test
        void an_address_right_after_a_bracket_or_after_a_long_word_is_found_whole() {
            assertEquals(List.of(new Span("email", 1, 16)), personalData.find("(jo.doe@acme.com)"));
            String longWord = "a".repeat(20_000);
            assertEquals(List.of(new Span("email", 20_001, 20_012)), personalData.find(longWord + " jo@acme.com"));
            assertEquals(List.of(), personalData.find(longWord), "a 20,000-letter word is no address");
        }

        @ParameterizedTest
        @ValueSource(strings = {"reach me at jane dot doe at gmail dot com (not posting it properly bc bots)",
                "escríbeme a maria punto lopez arroba hotmail punto es", "mail: jean point dupont arobase orange point fr",
                "john.doe at gmail dot com please", "jsmith99 at yahoo dot com", "max punkt mueller at gmx punkt de",
                "meu email é joao ponto silva arroba uol ponto com ponto br", "my email is jane at gmail dot com"})
        void an_address_read_aloud_is_found_whole(String text) {
            List<Span> found = personalData.find(text);
            assertEquals(List.of("email"), found.stream().map(Span::kind).toList(), text);
            String masked = personalData.mask(text);
            assertFalse(masked.matches("(?is).*\\b(?:gmail|hotmail|orange|yahoo|gmx|doe|lopez|dupont|mueller)\\b.*"), masked);
        }

        @ParameterizedTest
        @ValueSource(strings = {"look at acme dot com for the status", "we were at work dot com all day",
                "it is at version 2 dot 0 now", "git clone git@github.com:acme/app.git fails",
                "anyone else locked out at outlook dot com today?", "I'm at gmail dot com help page", "v2 at acme dot com is live",
                "I emailed support twice, still locked out at outlook dot com", "my IP address is blocked at acme dot com",
                "down since 10.30 at acme dot com", "released v2.1 at acme dot com", "contact us at acme dot com",
                "remote ssh user@build.example.com:/srv/app refused"})
        void sites_read_aloud_and_ssh_remotes_are_not_addresses(String text) {
            assertEquals(List.of(), kinds(text), text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"mail me at jo@acme.com:)", "email me at jo@acme.com:thanks", "write to jo@acme.com:I am waiting"})
        void an_address_before_a_colon_of_the_sentence_is_still_an_address(String text) {
            assertEquals(List.of("email"), kinds(text));
        }
    }

    @Nested
    class PaymentCards {

        @ParameterizedTest
        @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111"})
        void a_card_number_that_passes_luhn_is_personal_data(String card) {
            assertEquals(List.of("payment_card"), kinds("my card " + card + " was charged"));
        }

        @Test
        void a_card_number_that_fails_luhn_is_not_personal_data() {
            assertEquals(List.of(), personalData.find("my card 4111 1111 1111 1112 was charged"));
        }

        @Test
        void luhn_rejects_numbers_too_short_or_too_long_for_a_card() {
            assertTrue(PersonalData.luhnValid("4111111111111111"));
            assertFalse(PersonalData.luhnValid("18"));
            assertFalse(PersonalData.luhnValid("00000000000000000000"));
        }

        @Test
        void a_card_number_followed_or_preceded_by_other_digit_groups_is_found_alone() {
            String expiry = "my card 4111 1111 1111 1111 12/26 was charged twice";
            assertEquals(List.of(new Span("payment_card", 8, 27)), personalData.find(expiry));
            assertEquals("my card [payment card hidden] 12/26 was charged twice", personalData.mask(expiry));
            assertEquals("[payment card hidden] 123", personalData.mask("4111 1111 1111 1111 123"));
            assertEquals("order 12 [payment card hidden]", personalData.mask("order 12 4111 1111 1111 1111"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"amex 3782 822463 10005", "carte n° 4111 1111 1111 1111", "Karten-Nr. 5555 5555 5555 4444",
                "cartão 4111  1111  1111  1111"})
        void network_card_numbers_in_any_grouping_are_cards(String text) {
            assertEquals(List.of("payment_card"), kinds(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"IMEI 356938035643809", "notre SIRET 732 829 320 00074", "order 2024060112347 charged twice",
                "order 112-4567890-1234567 never arrived", "Request-ID: 1717171717174",
                "Ausfall vom 20.03.2024-22.03.2024"})
        void ids_that_pass_the_luhn_check_by_chance_or_by_design_are_not_cards(String text) {
            assertFalse(kinds(text).contains("payment_card"), text);
        }

        @Test
        void a_card_number_inside_a_longer_digit_run_is_not_a_card() {
            assertEquals(List.of(), personalData.find("order 94111111111111111110"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"carte bancaire 4111.1111.1111.1111", "card 5555.5555.5555.4444 declined"})
        void a_card_number_grouped_with_dots_is_a_card(String text) {
            assertEquals(List.of("payment_card"), kinds(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ticket 48213 4111 1111 1111 1111", "caso 123456 5555 5555 5555 4444 cobrado",
                "ref 87654 4111 1111 1111 1111", "1234 56789 4111 1111 1111 1111"})
        void a_card_after_a_number_grouped_otherwise_is_found_when_it_ends_the_run(String text) {
            assertEquals(List.of("payment_card"), kinds(text));
            assertTrue(personalData.mask(text).endsWith("[payment card hidden]")
                    || personalData.mask(text).contains("[payment card hidden] "), personalData.mask(text));
        }

        @Test
        void a_long_id_grouped_in_fours_throughout_is_read_once() {
            // Its last four groups pass the card check; reading every tail of such ids doubled the false cards.
            assertEquals(List.of(), kinds("ref 9021 4111 1111 1111 1111 thanks"));
        }

        @Test
        void dotted_groups_that_fail_luhn_are_no_card() {
            assertEquals(List.of(), kinds("code 4111.1111.1111.1112 and 10.0.0.1"));
            assertEquals(List.of(), kinds("from 20.03.2024-22.03.2024, hosts 10.20.30.40 10.20.30.41"));
        }
    }

    @Nested
    class Ibans {

        @ParameterizedTest
        @ValueSource(strings = {"DE89 3704 0044 0532 0130 00", "DE89370400440532013000",
                "GB82 WEST 1234 5698 7654 32", "FR14 2004 1010 0505 0001 3M02 606"})
        void an_iban_with_a_valid_checksum_is_personal_data(String iban) {
            String text = "IBAN: " + iban + ", thanks";
            assertEquals(List.of(new Span("iban", 6, 6 + iban.length())), personalData.find(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"DE89 3704 0044 0532 0130 01", "DE88 3704 0044 0532 0130 00"})
        void an_iban_with_a_changed_digit_fails_mod_97_and_is_not_personal_data(String iban) {
            assertEquals(List.of(), personalData.find("IBAN: " + iban));
            assertFalse(PersonalData.ibanValid(iban));
        }

        @Test
        void an_iban_followed_by_a_word_or_a_bic_is_found_without_them() {
            assertEquals("IBAN [iban hidden] BIC COBADEFFXXX",
                    personalData.mask("IBAN DE89370400440532013000 BIC COBADEFFXXX"));
            assertEquals("my IBAN is [iban hidden] I need the refund today",
                    personalData.mask("my IBAN is DE89 3704 0044 0532 0130 00 I need the refund today"));
            assertEquals("refund to [iban hidden] ASAP please",
                    personalData.mask("refund to GB29 NWBK 6016 1331 9268 19 ASAP please"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"refund to de89 3704 0044 0532 0130 00", "IBAN DE89-3704-0044-0532-0130-00",
                "Es91 2100 0418 4502 0005 1332"})
        void an_iban_in_lower_case_or_grouped_with_dashes_is_found(String text) {
            assertEquals(List.of("iban"), kinds(text));
        }

        @Test
        void the_checksum_ignores_spaces_and_letter_case() {
            assertTrue(PersonalData.ibanValid("de89 3704 0044 0532 0130 00"));
        }

        @Test
        void an_iban_whose_inner_digits_pass_luhn_is_still_found_as_one_iban() {
            String iban = "DE75 5121 0800 1245 1261 99";
            assertEquals(List.of(new Span("iban", 0, iban.length())), personalData.find(iban));
            assertEquals("[iban hidden]", personalData.mask(iban));
        }
    }

    @Nested
    class Phones {

        @ParameterizedTest
        @ValueSource(strings = {"+44 20 7946 0958", "+49 30 901820", "+1 (212) 555-0123"})
        void a_phone_number_in_international_format_is_found(String phone) {
            String text = "call me on " + phone + " today";
            assertEquals(List.of(new Span("phone", 11, 11 + phone.length())), personalData.find(text));
        }

        @Test
        void a_national_number_counts_in_a_configured_region() {
            assertEquals(List.of("phone"), kinds("ruf mich an: 030 901820"));
        }

        @Test
        void without_regions_only_international_numbers_count() {
            PersonalData internationalOnly = new PersonalData(List.of(), List.of());
            assertEquals(List.of(), internationalOnly.find("ruf mich an: 030 901820"));
            assertEquals(List.of("phone"),
                    internationalOnly.find("ruf mich an: +49 30 901820").stream().map(Span::kind).toList());
        }

        @ParameterizedTest
        @ValueSource(strings = {"meu whats (11) 91234-5678", "liga 011 91234-5678", "whats 11 912345678"})
        void a_brazilian_mobile_is_masked_with_its_area_code(String text) {
            // Spain's plan reads "91234-5678" as a number of its own; Brazil's reads the whole.
            PersonalData withBrazil = new PersonalData(List.of("US", "GB", "DE", "FR", "ES", "BR"), List.of());
            String masked = withBrazil.mask(text);
            assertTrue(masked.endsWith(" [phone hidden]"), masked);
            assertFalse(masked.contains("11"), "the area code is masked too: " + masked);
        }

        @ParameterizedTest
        @ValueSource(strings = {"commande 48213345 06 12 34 56 78 rappelez-moi", "pedido 48213345 612 34 56 78 llamadme",
                "Kundennr 123456 0171 1234567"})
        void a_phone_number_right_after_an_order_number_is_found(String text) {
            assertEquals(List.of("phone"), kinds(text));
            assertTrue(personalData.mask(text).matches("\\p{L}+ \\d+ \\[phone hidden].*"), personalData.mask(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"mes numéros 06 12 34 56 78 07 81 23 45 67", "call 0171 1234567 0151 2345678 either",
                "call 0171 1234567  0151 2345678"})
        void two_phone_numbers_side_by_side_are_both_found(String text) {
            assertMaskedWhole(text, "phone", "phone");
        }

        @Test
        void cards_before_them_do_not_use_up_the_searches_for_two_phone_numbers() {
            String text = "4111 1111 1111 1111, 5555 5555 5555 4444, 4012 8888 8888 1881, 3782 822463 10005, "
                    + "call 06 12 34 56 78 07 81 23 45 67";
            assertEquals(List.of("payment_card", "payment_card", "payment_card", "payment_card", "phone", "phone"),
                    kinds(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"scores 1000 2000 3000 4000 5000 6000", "ids 4821 3345 9912 0034 7781 2231"})
        void long_runs_that_are_not_two_whole_phone_numbers_are_left_alone(String text) {
            assertFalse(kinds(text).contains("phone"), text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"call 0171 1234567 2 times", "ring 06 12 34 56 78 2x pls"})
        void a_phone_number_right_before_a_count_is_found(String text) {
            assertEquals(List.of("phone"), kinds(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"scores 1000 2000 3000 40", "version 1 2 3 4 5 6 7 8 9 10"})
        void runs_of_small_numbers_are_not_searched_again_for_phone_numbers(String text) {
            assertEquals(List.of(), personalData.find(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"order ID 6512345678 still not here", "case number 04821334",
                "Bestellung vom 12.03.2024, Rechnungsnr. 2024031245", "waybill 4017598302 DHL express",
                "https://acmecloud.com/orders/3012456789/track", "my IP is 192.168.1.254.", "Rechnung RE-2024-000123",
                "version 5.10.18.6790", "seit 01.06.2024 14:30 Uhr", "Rechnung vom 03.04.2024", "order #3856270709"})
        void numbers_named_or_shaped_as_something_else_are_not_phone_numbers(String text) {
            assertEquals(List.of(), personalData.find(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Tel.-Nr. 0171 1234567", "Handy-Nr.: 0171 1234567", "mon n° 06 12 34 56 78",
                "WhatsApp ID 0612345678", "just in case: 0171 1234567", "Ref: 0171 1234567", "my case 020 7946 0958",
                "https://wa.me/447946095812", "PIN and phone: 0171 1234567", "Kundentelefon: 0171 1234567"})
        void a_phone_number_after_words_that_name_no_order_is_still_found(String text) {
            assertEquals(List.of("phone"), kinds(text));
        }

        @Test
        void a_french_number_written_with_dots_is_no_date() {
            assertEquals(List.of("phone"), kinds("appelez le 06.12.34.56.78 svp"));
            assertEquals(List.of("phone"), kinds("tlf 612.34.56.78"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Updated to v4.12.2 and it still crashes", "On iOS 17.5.1 the app freezes",
                "Ticket #52011 is still open", "Tickets #52011 and #52012", "Android 14, build 2024.05.13",
                "Since 10:30 on 2024-05-13", "send 0.1 ETH", "version 12.4.1.2045", "Getting 503 errors since 10am",
                "In an emergency call 112 or 911"})
        void version_strings_dates_ticket_numbers_and_short_codes_are_not_phone_numbers(String text) {
            assertEquals(List.of(), personalData.find(text));
        }

        @Test
        void a_phone_number_in_full_width_digits_is_found() {
            assertEquals(List.of("phone"), kinds("call me +４４ ２０ ７９４６ ０９５８"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"call 4155552671asap", "rappelez moi au 0612345678merci", "ruf an 01711234567bitte",
                "text me 415-555-2671pls", "my number is (415) 555-2671thanks", "rappelez moi 06 12 34 56 78svp",
                "pls ring +44 7911 123456tonight"})
        void a_phone_number_typed_into_the_next_word_is_found(String text) {
            assertMaskedWhole(text, "phone");
        }

        @ParameterizedTest
        @ValueSource(strings = {"commit 4155552671abcdef broke the build", "serial 0612345678xyz on the box",
                "artikel 01711234567xy"})
        void hashes_and_named_numbers_typed_into_letters_are_not_phone_numbers(String text) {
            assertFalse(kinds(text).contains("phone"), text);
        }
    }

    @Nested
    class Masking {

        @Test
        void mask_replaces_each_span_with_a_label_and_keeps_the_rest() {
            String text = "Email jane@example.com or call +44 20 7946 0958, card 4111 1111 1111 1111.";
            assertEquals("Email [email hidden] or call [phone hidden], card [payment card hidden].",
                    personalData.mask(text));
        }

        @Test
        void mask_labels_ibans() {
            assertEquals("Pay to [iban hidden] now", personalData.mask("Pay to DE89 3704 0044 0532 0130 00 now"));
        }

        @Test
        void mask_returns_text_without_personal_data_unchanged() {
            String text = "The app is down since v4.12.2, ticket #52011";
            assertEquals(text, personalData.mask(text));
        }

        @Test
        void mask_hides_the_password_but_keeps_the_words_around_it() {
            assertEquals("locked out, my password is [password hidden] and it still fails",
                    personalData.mask("locked out, my password is Hunter2! and it still fails"));
        }

        @Test
        void a_password_mask_keeps_the_bracket_and_the_emoji_of_the_sentence() {
            assertEquals("(password: [password hidden]) still fails",
                    personalData.mask("(password: Hunter2!) still fails"));
            assertEquals("senha: [password hidden]😭", personalData.mask("senha: Flamengo81😭"));
        }

        /** A guard against a stack overflow or a search that runs for minutes, not a speed test (TriageBench's hostile phase). */
        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
        void long_repetitive_posts_are_read_without_running_out_of_stack_or_time(int shape) {
            String text = switch (shape) {
                case 0 -> "1 ".repeat(10_000);
                case 1 -> "o'".repeat(10_000) + "neill@acme.com";
                case 2 -> "jo(at)" + "a.".repeat(10_000) + "de";
                case 3 -> "order 1 " + "06 ".repeat(10_000);
                case 4 -> "password: " + "a-".repeat(10_000);
                case 5 -> "password is" + " ".repeat(19_988) + "x";
                case 6 -> "jane dot ".repeat(2_000) + "at gmail dot " + "dot ".repeat(2_000) + "at";
                case 7 -> "jane at ".repeat(2_500) + "com";
                case 8 -> "4155552671".repeat(2_000) + "asap" + " pass A1b2".repeat(1_000);
                case 9 -> "06 12 34 56 78 07 81 23 45 6 a ".repeat(600);
                default -> "id 1 0 0 0 0 0 0 0;".repeat(1_000);
            };
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> personalData.mask(text));
        }

        @Test
        void spans_come_sorted_by_position_and_never_overlap() {
            List<Span> spans = personalData.find(
                    "+49 30 901820, jane@example.com, DE89 3704 0044 0532 0130 00, 4111 1111 1111 1111");
            assertEquals(List.of("phone", "email", "iban", "payment_card"), spans.stream().map(Span::kind).toList());
            for (int i = 1; i < spans.size(); i++) {
                assertTrue(spans.get(i - 1).end() <= spans.get(i).start(), spans.toString());
            }
        }
    }

    @Nested
    class NationalIdNumbers {

        @ParameterizedTest
        @ValueSource(strings = {
                "my SSN is 123-45-6789, please fix the account",   // US Social Security number
                "NI number AB 12 34 56 C on the invoice",          // UK National Insurance number
                "mi DNI es 12345678Z",                             // Spanish DNI: the letter of 12345678 mod 23
                "NIE X1234567L para la factura",                   // Spanish NIE
                "numéro de sécu 1 85 05 78 006 084 91",            // French NIR with its key
                "meu CPF 529.982.247-25 tá errado na nota",        // Brazilian CPF with both check digits
                "CPF 987 654 321 00 na nota",                      // ... grouped with spaces
                "mi DNI es 48.213.377-H",                          // DNI written with dots
                "NIE Z-4455667-C",                                 // NIE with dashes
                "NI number jh 45 78 12 d"})                        // UK National Insurance number in lower case
        void a_national_id_with_a_valid_check_is_personal_data(String text) {
            assertEquals(List.of("national_id"), kinds(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "ticket 000-12-3456 and 666-12-3456 are not issued",
                "order 123-00-4567 shipped",
                "prefix BG123456A is never used",
                "referencia 12345678A",
                "numéro 1 85 05 78 006 084 92",
                "CPF 529.982.247-26 e 111.111.111-11",
                "released 2024-11-25, build 4.12.3",
                "pedido 48213342 y nada"})                         // 48213342 has the letter Y, but "y" is a word
        void shapes_that_fail_their_checks_are_not_national_ids(String text) {
            assertFalse(kinds(text).contains("national_id"), text);
        }

        @Test
        void ids_introduced_as_ids_are_found() {
            for (String text : List.of("ID: 12345678Z", "ID number: AB123456C", "DNI nº 12345678Z",
                    "meu CPF nº 529.982.247-25")) {
                assertEquals(List.of("national_id"), kinds(text), text);
            }
        }

        @Test
        void ids_are_found_only_for_the_configured_regions() {
            PersonalData usOnly = new PersonalData(List.of("US"), List.of("US"));
            assertEquals(List.of(), usOnly.find("mi DNI es 12345678Z"));
            assertEquals(1, usOnly.find("SSN 123-45-6789").size());
        }

        @ParameterizedTest
        @ValueSource(strings = {"social is 536221234 on the form", "my SSN: 536221234", "ssn number is 536221234",
                "dni 48213377 h", "mi DNI es 48213377 h"})
        void an_id_written_loosely_right_after_its_name_is_found(String text) {
            assertEquals(List.of("national_id"), kinds(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {"536221234 on the form", "social media 536221234", "pedido 48213377 h",
                "part no. 104-22-8812 is out of stock", "SKU 123-45-6789", "pedido 12345678Z sin llegar",
                "Case CS123456A still open", "ticket #AB123456C closed"})
        void loose_or_product_numbered_shapes_are_not_ids(String text) {
            assertFalse(kinds(text).contains("national_id"), text);
        }
    }

    @Nested
    class Passwords {

        @ParameterizedTest
        @ValueSource(strings = {
                "my password is Hunter2! can you reset it",
                "password: correct-horse-battery",
                "la contraseña es Acme2024 y no entra",
                "mein Passwort ist Sommer#77",
                "mot de passe : azerty123",
                "minha senha é Brasil@2023",
                "PIN is 4821",
                "pw: Acme2024!",
                "mon mot de passe c'est Azerty123",
                "das Passwort lautet Hallo123",
                "password's Hunter2 if that helps",
                "senha do app: Gremio#1903",
                "tried password “Tr0ub4dor!” twice",
                // With nothing between word and secret, a secret unlike any word: letters, digits, capitals or signs
                "login jane99 password Hunter2!",
                "here's my login: user jsmith / pass Winter2024",
                "Passwort Sommer#77 geht nicht",
                "password: correct-horse-battery-stapled",                 // a passphrase, not a hyphenated word
                "user: jsmith pass: Sunshine#1"})
        void a_secret_after_a_password_word_is_personal_data(String text) {
            assertEquals(List.of("password"), kinds(text));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "my password is wrong apparently",
                "password reset email never arrives",
                "I forgot my password again",
                "pinterest2023 integration when?",
                "use a password manager like 1Password",
                "la contraseña es incorrecta",
                "my password is case-sensitive right?",
                "the password is expired/locked, what now",
                "password is ******** in the screenshot",
                "password reset link: https://acme.cloud/reset/abc123",
                "the pin entered3 times is blocked now",             // "e" starts a word here, it is no connector
                "password is 2FA-protected",                         // words made with a hyphen
                "my password is WiFi-related?",
                "password reset2 link",                              // nothing between, and a word-like secret
                "password Manager is great",
                "the pass 2FA works",
                "pin 4821 please",
                "boarding pass BA2490 shows the wrong gate",              // another kind of pass
                "my boarding pass is BA2490",
                "boarding pass: BA2490",
                "password v2.3.1 broke login"})                            // a version
        void a_password_mentioned_without_a_secret_is_not_personal_data(String text) {
            assertFalse(kinds(text).contains("password"), text);
        }
    }
}
