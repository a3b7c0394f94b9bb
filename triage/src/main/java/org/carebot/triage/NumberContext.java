package org.carebot.triage;

import java.util.regex.Pattern;

/**
 * What the text around a number says it is. Personal-data checks ask before they take a number for a phone number, a
 * card or an id: in six regions' numbering plans, a third to two thirds of 9- and 10-digit order numbers are valid
 * phone numbers, and one long id in ten passes the Luhn check.
 */
final class NumberContext {

    /**
     * A noun that names the number after it as an order, invoice, shipment, build or product ("order #",
     * "Rechnungsnr.", "waybill", "part no."), with up to three signs between them.
     */
    private static final Pattern ORDER_LIKE_BEFORE = Pattern.compile("(?iu)(?<![\\p{L}])(?:orders?|order id|pedidos?"
            + "|commandes?|bestellung|bestellnummer|bestell-?nr|auftragsnummer|auftrags-?nr|kundennummer|kunden-?nr"
            + "|invoices?|facturas?|factures?|rechnung|rechnungsnummer|rechnungs-?nr|faturas?|nota fiscal|tracking"
            + "|sendungsnummer|suivi|rastreio|waybill|shipment|env[ií]o|build|version|versi[oó]n|vers[aã]o"
            + "|parts?|sku|items?|article|art[ií]culo|artikel|serial|seriennummer|serien-?nr)"
            + "(?:\\W{1,3}(?:number|n[uú]mero|numéro|nummer|nr|no|n[º°]|id))?\\W{0,3}$");
    /**
     * A word that names a number only with a number word after it ("case number", "ticket nº", "ref. no."): alone,
     * "just in case: 0171 1234567" and "Ref: 0171 1234567" are how people give a phone number.
     */
    private static final Pattern CASE_LIKE_BEFORE = Pattern.compile("(?iu)(?<![\\p{L}])(?:case|caso|cas|fall|ticket"
            + "|dossier|ref|reference|referencia|référence|referência|referenz|kunden)\\W{1,3}(?:number|n[uú]mero|numéro"
            + "|nummer|nr|no|n[º°]|id)\\W{0,3}$");
    /** The same words without a number word ("Case CS123456A"): enough to name a letters-and-digits reference. */
    private static final Pattern CASE_WORD_BEFORE = Pattern.compile("(?iu)(?<![\\p{L}])(?:case|caso|cas|fall|ticket"
            + "|dossier|ref|reference|referencia|référence|referência|referenz)\\W{0,3}$");
    /** Links that carry a phone number: WhatsApp's click-to-chat ("wa.me/447946095812", "send?phone=5511..."). */
    private static final Pattern PHONE_LINK_BEFORE = Pattern.compile("(?i)(?:wa\\.me/|[?&]phone=)$");
    /** Day, month and year with dots, as German and others write a date ("seit 01.06.2024 14:30"). */
    private static final Pattern DOTTED_DATE = Pattern.compile(
            "(?<![\\d.])(?:0?[1-9]|[12]\\d|3[01])\\.(?:0?[1-9]|1[0-2])\\.(?:\\d{4}|\\d{2})(?!\\d|\\.\\d)");
    private static final Pattern IP_ADDRESS = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final int WORDS_BEFORE = 30;

    private NumberContext() {
    }

    /** Whether a noun just before {@code start} names the number there as an order, a shipment, a build or a product. */
    static boolean namedAsOrder(String text, int start) {
        return ORDER_LIKE_BEFORE.matcher(before(text, start)).find();
    }

    /** Whether the words just before {@code start} name the number there as an order, a case, a ticket or another id. */
    static boolean namedAsId(String text, int start) {
        String before = before(text, start);
        return ORDER_LIKE_BEFORE.matcher(before).find() || CASE_LIKE_BEFORE.matcher(before).find();
    }

    /**
     * Whether the words just before {@code start} name the number there as an order, a product, a case or a ticket,
     * with or without a number word: what a national id's shape after them is ("Case CS123456A", "part no.").
     */
    static boolean namedAsReference(String text, int start) {
        String before = before(text, start);
        return ORDER_LIKE_BEFORE.matcher(before).find() || CASE_WORD_BEFORE.matcher(before).find();
    }

    /** Whether the words just before {@code start} match {@code words}, which should end with {@code $}. */
    static boolean namedBy(Pattern words, String text, int start) {
        return words.matcher(before(text, start)).find();
    }

    private static String before(String text, int start) {
        return text.substring(Math.max(0, start - WORDS_BEFORE), start);
    }

    /**
     * Whether the number libphonenumber found at [start, end) is, by what surrounds it, no phone number: named as an
     * id, part of a link or a longer id, a dotted date or time, an IP address or a version. A number written with its
     * "+" country code, or in a WhatsApp link, is a phone number wherever it stands.
     */
    static boolean isNoPhone(String text, int start, int end) {
        if (text.charAt(start) == '+' || PHONE_LINK_BEFORE.matcher(before(text, start)).find()) return false;
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        if (Character.isLetterOrDigit(before) || "/#_=-".indexOf(before) >= 0) return true;
        if (continuesDottedNumber(text, start - 1, start - 2) || continuesDottedNumber(text, end, end + 1)) return true;
        if (end + 1 < text.length() && text.charAt(end) == ':' && Character.isDigit(text.charAt(end + 1))) return true;
        if (DOTTED_DATE.matcher(text).region(start, end).find()) return true;
        if (IP_ADDRESS.matcher(digitsAndDotsAround(text, start, end)).matches()) return true;
        return namedAsId(text, start);
    }

    /** A dot at {@code dot} with a digit at {@code digit}: the number goes on ("5.10.18.6790", "192.168.1.254"). */
    private static boolean continuesDottedNumber(String text, int dot, int digit) {
        return dot >= 0 && dot < text.length() && digit >= 0 && digit < text.length() && text.charAt(dot) == '.'
                && Character.isDigit(text.charAt(digit));
    }

    private static String digitsAndDotsAround(String text, int start, int end) {
        int from = start;
        while (from > 0 && isDigitOrDot(text.charAt(from - 1))) from--;
        int to = end;
        while (to < text.length() && isDigitOrDot(text.charAt(to))) to++;
        while (to > end && text.charAt(to - 1) == '.') to--;
        return text.substring(from, to);
    }

    private static boolean isDigitOrDot(char c) {
        return Character.isDigit(c) || c == '.';
    }
}
