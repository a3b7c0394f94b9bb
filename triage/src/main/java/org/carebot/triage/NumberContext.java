package org.carebot.triage;

import java.util.regex.Pattern;

/**
 * What the text around a number says it is. Personal-data checks ask before they take a number for a phone number, a
 * card or an id: in six regions' numbering plans, a third to two thirds of 9- and 10-digit order numbers are valid
 * phone numbers, and one long id in ten passes the Luhn check.
 */
final class NumberContext {

    /**
     * A word that names what the number after it is ("order #", "Rechnungsnr.", "case number", "nº"), with up to three
     * signs between them.
     */
    private static final Pattern NAMED_BEFORE = Pattern.compile("(?iu)(?<![\\p{L}])(?:(?:order|pedido|commande|bestell"
            + "|auftrag|kunden|invoice|factura|facture|rechnung|fatura|ticket|case|caso|dossier|referen|référence"
            + "|tracking|sendung|suivi|rastreio|waybill|shipment|parcel|paket|colis|env[ií]o|build|version|versi[oó]n"
            + "|vers[aã]o)\\p{L}*|ref|id|n[º°]|nr)(?:\\W{1,3}(?:number|n[uú]mero|numéro|nummer|nr|no|n[º°]|id))?\\W{0,3}$");
    /** Day, month and year with dots, as German and others write a date ("seit 01.06.2024 14:30"). */
    private static final Pattern DOTTED_DATE = Pattern.compile(
            "(?<![\\d.])(?:0?[1-9]|[12]\\d|3[01])\\.(?:0?[1-9]|1[0-2])\\.(?:\\d{4}|\\d{2})(?!\\d|\\.\\d)");
    private static final Pattern IP_ADDRESS = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final int WORDS_BEFORE = 30;

    private NumberContext() {
    }

    /** Whether a word just before {@code start} names the number there as an order, ticket, invoice or other id. */
    static boolean namedAsId(String text, int start) {
        return NAMED_BEFORE.matcher(text.substring(Math.max(0, start - WORDS_BEFORE), start)).find();
    }

    /**
     * Whether the number libphonenumber found at [start, end) is, by what surrounds it, no phone number: named as an
     * id, part of a link or a longer id, a dotted date or time, an IP address or a version. A number written with its
     * "+" country code is a phone number wherever it stands.
     */
    static boolean isNoPhone(String text, int start, int end) {
        if (text.charAt(start) == '+') return false;
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
