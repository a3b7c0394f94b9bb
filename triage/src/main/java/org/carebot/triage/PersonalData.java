package org.carebot.triage;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data posted in public: email addresses, phone numbers ({@link PhoneNumbers}), payment card numbers
 * (Luhn-checked) and IBANs (checksum-checked), national ids (check digits, {@link NationalIds}) and passwords
 * ({@link Passwords}), so a card can mask them while the stored post keeps the original. Where two overlap, the kind
 * found first wins, in the order of {@link #find}. {@link NumberContext} tells numbers that are something else. Run
 * {@code PersonalDataReport} (a bench in the bot module) after a change: it reads 546 posts two testers wrote to
 * probe this class.
 */
public final class PersonalData {

    /** What was found and where, as [start, end) offsets into the text. */
    public record Span(String kind, int start, int end) {

        /** Whether this span and [from, to) share a character. */
        public boolean overlaps(int from, int to) {
            return start < to && from < end;
        }
    }

    /**
     * An address starts where a run of its characters starts, and that run is never given back (no "@" is in it): tried
     * from every position of a long run, "[...]+@" went quadratic, 1-2 s for a 20,000-letter post.
     */
    private static final Pattern EMAIL = Pattern.compile("(?<![\\p{L}\\p{N}._%+-]|[\\p{L}\\p{N}]['’])"
            + "[\\p{L}\\p{N}._%+-]++(?:['’][\\p{L}\\p{N}._%+-]++){0,3}@[\\p{L}\\p{N}.-]+\\.(?<tld>[\\p{L}]{2,})");
    /** "max.mueller(at)web.de", "jane.doe [at] gmail [dot] com": written so that bots do not read it, but a person does. */
    private static final String SPELLED_AT = "\\s?[(\\[{]\\s?(?i:at|@)\\s?[)\\]}]\\s?";
    private static final String SPELLED_DOT = "(?:\\.|\\s?[(\\[{]\\s?(?i:dot|punkt|point)\\s?[)\\]}]\\s?)";
    private static final Pattern SPELLED_EMAIL = Pattern.compile("(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]++"
            + SPELLED_AT + "[\\p{L}\\p{N}-]++(?:" + SPELLED_DOT + "[\\p{L}\\p{N}-]++){1,8}+(?<=\\p{L}{2})"
            + "(?![\\p{L}\\p{N}])");
    /**
     * "jane dot doe at gmail dot com", "maria punto lopez arroba hotmail punto es": an address read aloud, in five
     * languages, ending in a common top-level domain ("... ponto com ponto br"). "issues at yahoo dot com" and "v2 at
     * acme dot com" have that shape too, so the name before "at" must have two letters, four letters or digits, and a
     * dot (spoken or written) or a digit; or the words just before must say that an address follows ("my email is jane
     * at gmail dot com").
     */
    private static final String SPOKEN_DOT = "\\s++(?:dot|punto|punkt|point|ponto)\\s++";
    private static final Pattern SPOKEN_EMAIL = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}._%+-])"
            + "(?<name>[\\p{L}\\p{N}._%+-]++(?:" + SPOKEN_DOT + "[\\p{L}\\p{N}._%+-]++){0,3}+)"
            + "\\s++(?:at|arroba|arobase)\\s++[\\p{L}\\p{N}-]++(?:" + SPOKEN_DOT + "[\\p{L}\\p{N}-]++){0,2}?"
            + SPOKEN_DOT + "(?:com|net|org|edu|gov|info|io|co|me|de|at|ch|fr|be|es|pt|br|it|nl|uk|eu|mx|ar)"
            + "(?:" + SPOKEN_DOT + "(?:br|mx|ar|uk|au|es|pt|fr|de|at|ch|be|it|nl))?(?![\\p{L}\\p{N}])");
    private static final Pattern SPOKEN_DOT_OR_DIGIT = Pattern.compile("(?iu)" + SPOKEN_DOT + "|[.\\p{N}]");
    /** "my email is", "mail:", "reach me at", "escríbeme a": up to three words between them and the address. */
    private static final Pattern ADDRESS_FOLLOWS = Pattern.compile("(?iu)(?<![\\p{L}])(?:e-?mail|mail|correo|courriel"
            + "|reach me|write (?:to|me)|escr[ií]be(?:me|nos)|schreib(?:t)? (?:mir|uns))(?![\\p{L}])"
            + "(?:[^\\p{L}]++\\p{L}++){0,3}[^\\p{L}]*+$");
    /** Retina image names ("icon@2x.png") have an address's shape; no top-level domain is a file type. */
    private static final Set<String> FILE_TYPES = Set.of("png", "jpg", "jpeg", "gif", "webp", "svg");
    /**
     * Digits grouped by a space, two spaces (pasted from a statement) or a dash; or four groups of four with dots,
     * which no version, date or address is written as.
     */
    private static final Pattern CARD = Pattern.compile("(?<![\\d])(?:\\d(?: {2}|[ -])?){12,18}\\d(?![\\d])"
            + "|(?<![\\d.])\\d{4}(?:\\.\\d{4}){3}(?!\\d|\\.\\d)");
    /**
     * "ticket 48213 4111 1111 1111 1111": the card pattern took the number before too. Read again from its next group,
     * the card must end the run and be grouped as printed (four fours, or American Express's 4-6-5). A run grouped in
     * fours throughout is not read again: in long ids that doubled the stretches taken for a card (9.4% of 1,500 random
     * ids of 5-7 groups, against 5.1%).
     */
    private static final ReadAgain CARD_READ_AGAIN = new ReadAgain(
            Pattern.compile("\\d{4}(?:[ -]++\\d{4})*+").asMatchPredicate().negate(),
            Pattern.compile("\\d{4}(?: \\d{4}){3}|3[47]\\d{2} \\d{6} \\d{5}").asMatchPredicate());
    /** The fewest digits of a card number, and of a national id (a UK National Insurance number has 6). */
    private static final int MIN_CARD_DIGITS = 13;
    private static final int MIN_NATIONAL_ID_DIGITS = 6;
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?:[ -]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])");

    private final PhoneNumbers phones;
    private final NationalIds nationalIds;

    /**
     * @param phoneRegions      CLDR regions (US, GB, DE, ...) whose national formats count as phone numbers
     * @param nationalIdRegions regions whose national id numbers count (US, GB, ES, FR and BR are known)
     */
    public PersonalData(List<String> phoneRegions, List<String> nationalIdRegions) {
        this.phones = new PhoneNumbers(phoneRegions);
        this.nationalIds = new NationalIds(nationalIdRegions);
    }

    /** Regions whose national id numbers this class can find. */
    public static Set<String> nationalIdRegions() {
        return NationalIds.SUPPORTED_REGIONS;
    }

    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        addMatches(spans, "email", EMAIL.matcher(text),
                m -> !FILE_TYPES.contains(m.group("tld").toLowerCase(Locale.ROOT)) && !sshRemote(text, m.end()));
        addMatches(spans, "email", SPELLED_EMAIL.matcher(text), m -> true);
        addMatches(spans, "email", SPOKEN_EMAIL.matcher(text), m -> spokenAddress(text, m));
        // Most posts have too few digits for the ids, cards and phones below: their searches would read every position
        // for nothing.
        int digits = PhoneNumbers.digitCount(text);
        // IBANs first: their digit runs can pass the card number check too.
        addValidStretches(spans, "iban", text, IBAN, PersonalData::ibanValid, false, ReadAgain.NEVER, start -> true);
        // National ids before cards too: a 15-digit French NIR can pass the Luhn check.
        if (digits >= MIN_NATIONAL_ID_DIGITS) {
            for (int[] id : nationalIds.find(text)) {
                if (NumberContext.namedAsReference(text, id[0])) continue;
                addSpan(spans, new Span("national_id", id[0], id[1]));
            }
        }
        if (digits >= MIN_CARD_DIGITS) {
            addValidStretches(spans, "payment_card", text, CARD, run -> cardNumber(asciiDigitsOf(run)), true,
                    CARD_READ_AGAIN, start -> !NumberContext.namedAsOrder(text, start));
        }
        // Phones before passwords: "PIN and phone: 0171 1234567" is a phone number, not a PIN "0171".
        if (digits >= PhoneNumbers.MIN_PHONE_DIGITS) {
            for (Span phone : phones.find(text, spans)) addSpan(spans, phone);
        }
        for (Span password : Passwords.find(text)) addSpan(spans, password);
        spans.sort(Comparator.comparingInt(Span::start));
        return spans;
    }

    /**
     * "git@github.com:acme/app.git": a user at a host, then a colon and a path, is where ssh and git connect to. A
     * colon and a word without a slash is the sentence's ("mail me at jo@acme.com:thanks").
     */
    private static boolean sshRemote(String text, int addressEnd) {
        if (addressEnd >= text.length() || text.charAt(addressEnd) != ':') return false;
        for (int i = addressEnd + 1; i < text.length() && !Character.isWhitespace(text.charAt(i)); i++) {
            if (text.charAt(i) == '/' || text.charAt(i) == '~') return true;
        }
        return false;
    }

    private static boolean spokenAddress(String text, Matcher spoken) {
        String name = spoken.group("name");
        long letters = name.codePoints().filter(Character::isLetter).count();
        long lettersAndDigits = name.codePoints().filter(Character::isLetterOrDigit).count();
        if (letters >= 2 && lettersAndDigits >= 4 && SPOKEN_DOT_OR_DIGIT.matcher(name).find()) return true;
        return NumberContext.namedBy(ADDRESS_FOLLOWS, text, spoken.start());
    }

    private static void addSpan(List<Span> spans, Span span) {
        if (spans.stream().noneMatch(s -> s.overlaps(span.start(), span.end()))) spans.add(span);
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
     * Each match, or else its longest stretch between the spaces or dashes that group its characters, that
     * passes the check, where {@code mayStartAt} allows it. The patterns read on over the groups that follow a number:
     * "4111 1111 1111 1111 12/26" (an expiry), "DE89 3704 0044 0532 0130 00 I need it" (a word). Stretches start at the
     * match, or with {@code fromFront} also after a space and end at it ("order 12 4111 1111 1111 1111"); never both
     * inside it, as each stretch tried is one more chance for an order number to pass a checksum by luck. A number
     * written without separators is tried whole only. A match that found nothing and stopped inside a longer run may
     * be read again from its next group ({@link ReadAgain}), for a number that ends the run.
     */
    private static void addValidStretches(List<Span> spans, String kind, String text, Pattern pattern,
                                          Predicate<String> valid, boolean fromFront, ReadAgain readAgain,
                                          IntPredicate mayStartAt) {
        Matcher matcher = pattern.matcher(text);
        int from = 0;
        boolean readingAgain = false;
        while (matcher.find(from)) {
            String run = matcher.group();
            from = matcher.end();
            List<Integer> starts = new ArrayList<>(List.of(0));
            List<Integer> ends = new ArrayList<>();
            for (int i = 1; i < run.length(); i++) {
                boolean separator = isSeparator(run.charAt(i));
                if (separator && !isSeparator(run.charAt(i - 1))) ends.add(i);
                // After a dash the digits are one id ("112-4567890-1234567"); after a space, maybe two numbers.
                if (fromFront && !separator && run.charAt(i - 1) == ' ') starts.add(i);
            }
            ends.add(run.length());
            boolean runGoesOn = continuesWithGroup(text, matcher.end());
            // Read again, only a number that ends the run and is written as such counts: each chance inside a long id
            // is one more for a checksum to pass by luck.
            int[] best = !readingAgain ? longestValidStretch(run, starts, ends, valid)
                    : runGoesOn ? null : longestValidStretch(run, starts, ends, valid.and(readAgain.valid()));
            readingAgain = false;
            if (best != null && mayStartAt.test(matcher.start() + best[0])) {
                addSpan(spans, new Span(kind, matcher.start() + best[0], matcher.start() + best[1]));
            } else if (best == null && runGoesOn && starts.size() > 1 && readAgain.after().test(run)) {
                from = matcher.start() + starts.get(1);
                readingAgain = true;
            }
        }
    }

    /** After which matches that found nothing the pattern reads on from the next group, and what must then be found. */
    private record ReadAgain(Predicate<String> after, Predicate<String> valid) {
        static final ReadAgain NEVER = new ReadAgain(run -> false, run -> false);
    }

    /** [start, end) of the longest stretch that passes the check, never starting and ending inside the run; or null. */
    private static int[] longestValidStretch(String run, List<Integer> starts, List<Integer> ends,
                                             Predicate<String> valid) {
        int[] best = null;
        for (int start : starts) {
            for (int end : ends) {
                if (start > 0 && end < run.length()) continue;
                if (end <= start || (best != null && end - start <= best[1] - best[0])) continue;
                if (valid.test(run.substring(start, end))) best = new int[]{start, end};
            }
        }
        return best;
    }

    /** Whether another group of digits follows {@code end}, after a space or a dash. */
    private static boolean continuesWithGroup(String text, int end) {
        return end + 1 < text.length() && isSeparator(text.charAt(end)) && Character.isDigit(text.charAt(end + 1));
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-';
    }

    /** The ASCII digits of a number the patterns matched (their {@code \\d} is ASCII only). */
    private static String asciiDigitsOf(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') digits.append(c);
        }
        return digits.toString();
    }

    /**
     * A payment card's number: Luhn-valid, and issued by a card network. Networks' numbers start with 2 to 6 (airline,
     * fuel, telecom and national numbers take the others), and the only 15-digit cards are American Express's, which
     * start with 34 or 37. IMEIs (15 digits from 35) and French SIRET numbers (14 digits) pass the Luhn check too.
     */
    static boolean cardNumber(String digits) {
        if (!luhnValid(digits) || digits.charAt(0) < '2' || digits.charAt(0) > '6') return false;
        return digits.length() != 15 || digits.startsWith("34") || digits.startsWith("37");
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
        String iban = candidate.replaceAll("[ -]", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) return false;
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
