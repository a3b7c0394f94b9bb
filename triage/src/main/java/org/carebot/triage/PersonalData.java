package org.carebot.triage;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data posted in public: email addresses, phone numbers, payment card numbers (Luhn-checked)
 * and IBANs (checksum-checked), so a card can mask them while the stored post keeps the original.
 */
public final class PersonalData {

    /** What was found and where, as [start, end) offsets into the text. */
    public record Span(String kind, int start, int end) {
    }

    /**
     * An address starts where a run of its characters starts, and that run is never given back (no "@" is in it): tried
     * from every position of a long run, "[...]+@" went quadratic, 1-2 s for a 20,000-letter post.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]++@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
    private static final Pattern CARD = Pattern.compile("(?<![\\d])(?:\\d[ -]?){12,18}\\d(?![\\d])");
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");
    /**
     * "my password is Tr0ub4dor!", "senha: 12345678": a password word, a connecting word or sign, then the secret. Only the
     * secret is masked. It must look like one (a digit, a sign or mixed case), so "my password is wrong" is no secret.
     */
    private static final Pattern PASSWORD = Pattern.compile("(?iu)(?<![\\p{L}])(?:password|passwort|passwd|pwd|passcode"
            + "|pin|kennwort|contrase[nñ]a|clave|mot de passe|mdp|senha)(?![\\p{L}\\p{N}])\\s*"
            + "(?:(?:is|was|es|era|ist|war|est|[ée]tait|[ée]|foi)\\s*[:=]?|[:=])\\s*[\"'“«]?(?<secret>[^\\s\"'”»]{4,64})");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Short codes and error numbers ("503") are valid in some region, but nobody's phone number. */
    private static final int MIN_PHONE_DIGITS = 7;

    private final List<String> phoneRegions;
    private final NationalIds nationalIds;

    /**
     * @param phoneRegions      CLDR regions (US, GB, DE, ...) whose national formats count as phone numbers
     * @param nationalIdRegions regions whose national id numbers count (US, GB, ES, FR and BR are known)
     */
    public PersonalData(List<String> phoneRegions, List<String> nationalIdRegions) {
        this.phoneRegions = phoneRegions.isEmpty() ? List.of("ZZ") : List.copyOf(phoneRegions);
        this.nationalIds = new NationalIds(nationalIdRegions);
    }

    /** Regions whose national id numbers this class can find. */
    public static java.util.Set<String> nationalIdRegions() {
        return NationalIds.SUPPORTED_REGIONS;
    }

    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        addMatches(spans, "email", EMAIL.matcher(text), m -> true);
        // IBANs first: their digit runs can pass the card number check too.
        addValidStretches(spans, "iban", IBAN.matcher(text), PersonalData::ibanValid, false);
        // National ids before cards too: a 15-digit French NIR can pass the Luhn check.
        for (int[] id : nationalIds.find(text)) addSpan(spans, new Span("national_id", id[0], id[1]));
        Matcher password = PASSWORD.matcher(text);
        while (password.find()) {
            if (looksSecret(password.group("secret"))) {
                addSpan(spans, new Span("password", password.start("secret"), password.end("secret")));
            }
        }
        addValidStretches(spans, "payment_card", CARD.matcher(text), run -> luhnValid(digitsOf(run)), true);
        addPhones(spans, text);
        spans.sort(Comparator.comparingInt(Span::start));
        return spans;
    }

    private static void addSpan(List<Span> spans, Span span) {
        if (spans.stream().noneMatch(s -> overlaps(s, span))) spans.add(span);
    }

    /**
     * A digit, a sign, or upper case after the first letter: what a chosen secret has and a plain word has not. The
     * sentence's own punctuation after it does not count (but is masked with it: it may be part of the secret).
     */
    static boolean looksSecret(String candidate) {
        String secret = trimTrailingPunctuation(candidate);
        if (secret.length() < 4) return false;
        boolean digit = false;
        boolean sign = false;
        boolean innerUpper = false;
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (Character.isDigit(c)) digit = true;
            else if (!Character.isLetter(c)) sign = true;
            else if (i > 0 && Character.isUpperCase(c)) innerUpper = true;
        }
        return digit || sign || innerUpper;
    }

    private static String trimTrailingPunctuation(String text) {
        return text.replaceAll("[.,;:!?)]+$", "");
    }

    private void addPhones(List<Span> spans, String text) {
        // libphonenumber's search is the slowest of these checks: skip it when no phone number can be there.
        if (digitCount(text) < MIN_PHONE_DIGITS) return;
        for (String region : phoneRegions) {
            for (PhoneNumberMatch match : PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID,
                    Long.MAX_VALUE)) {
                if (digitsOf(match.rawString()).length() < MIN_PHONE_DIGITS) continue;
                addSpan(spans, new Span("phone", match.start(), match.end()));
            }
        }
    }

    /** The text with every span replaced by a label like {@code [email hidden]}. */
    public String mask(String text) {
        List<Span> spans = find(text);
        if (spans.isEmpty()) return text;
        StringBuilder masked = new StringBuilder();
        int cursor = 0;
        for (Span span : spans) {
            if (span.start() < cursor) continue;
            masked.append(text, cursor, span.start()).append('[').append(span.kind().replace('_', ' '))
                    .append(" hidden]");
            cursor = span.end();
        }
        return masked.append(text.substring(cursor)).toString();
    }

    private static void addMatches(List<Span> spans, String kind, Matcher matcher, Predicate<Matcher> check) {
        while (matcher.find()) {
            if (check.test(matcher)) addSpan(spans, new Span(kind, matcher.start(), matcher.end()));
        }
    }

    /**
     * Each match, or else its longest stretch between the spaces or dashes that group its characters, that passes the
     * check. The patterns read on over the groups that follow a number: "4111 1111 1111 1111 12/26" (an expiry),
     * "DE89 3704 0044 0532 0130 00 I need it" (a word). Stretches start at the match, or with {@code fromFront} also
     * end at it ("order 12 4111 1111 1111 1111"); never both inside it, as each stretch tried is one more chance for
     * an order number to pass a checksum by luck. A number written without separators is tried whole only.
     */
    private static void addValidStretches(List<Span> spans, String kind, Matcher matcher, Predicate<String> valid,
                                          boolean fromFront) {
        while (matcher.find()) {
            String run = matcher.group();
            List<Integer> starts = new ArrayList<>(List.of(0));
            List<Integer> ends = new ArrayList<>();
            for (int i = 1; i < run.length(); i++) {
                boolean separator = run.charAt(i) == ' ' || run.charAt(i) == '-';
                if (separator && run.charAt(i - 1) != ' ' && run.charAt(i - 1) != '-') ends.add(i);
                if (fromFront && !separator && (run.charAt(i - 1) == ' ' || run.charAt(i - 1) == '-')) starts.add(i);
            }
            ends.add(run.length());
            int[] best = null;
            for (int start : starts) {
                for (int end : ends) {
                    if (start > 0 && end < run.length()) continue;
                    if (end <= start || (best != null && end - start <= best[1] - best[0])) continue;
                    if (valid.test(run.substring(start, end))) best = new int[]{start, end};
                }
            }
            if (best != null) addSpan(spans, new Span(kind, matcher.start() + best[0], matcher.start() + best[1]));
        }
    }

    private static boolean overlaps(Span a, Span b) {
        return a.start() < b.end() && b.start() < a.end();
    }

    private static int digitCount(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) digits++;
        }
        return digits;
    }

    private static String digitsOf(String text) {
        return text.replaceAll("\\D", "");
    }

    static boolean luhnValid(String digits) {
        if (digits.length() < 13 || digits.length() > 19) return false;
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    static boolean ibanValid(String candidate) {
        String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) return false;
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
