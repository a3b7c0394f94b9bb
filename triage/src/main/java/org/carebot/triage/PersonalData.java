package org.carebot.triage;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

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
 * Finds personal data posted in public: email addresses, phone numbers, payment card numbers (Luhn-checked)
 * and IBANs (checksum-checked), national ids (check digits, {@link NationalIds}) and passwords, so a card can mask
 * them while the stored post keeps the original. Where two overlap, the kind found first wins, in the order of
 * {@link #find}. {@link NumberContext} tells numbers that are something else. Run {@code PersonalDataReport} (a bench
 * in the bot module) after a change: it reads 546 posts two testers wrote to probe this class.
 */
public final class PersonalData {

    /** What was found and where, as [start, end) offsets into the text. */
    public record Span(String kind, int start, int end) {
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
     * Digits grouped by a space, two spaces (pasted from a statement) or a dash; or four groups of four with dots, which
     * no version, date or address is written as.
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
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?:[ -]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])");
    /**
     * "my password is Tr0ub4dor!", "senha do app: 12345678", "password's Hunter2", "password “Tr0ub4dor!”": a password
     * word, then a connecting word, a colon after up to two words, or quotes, then the secret. Only the secret is masked.
     * It must look like one (a digit, a sign or mixed case), so "my password is wrong" is no secret. An emoji after it is
     * the writer's, not the secret's.
     */
    /** "pass" after the name of another pass is that pass ("boarding pass: BA2490"), not "user: jsmith pass: ...". */
    private static final String PASSWORD_WORDS = "password|passwort|passwd|pwd|pw|passcode|kennwort|contrase[nñ]a"
            + "|clave|mot de passe|mdp|senha|(?<!(?:boarding|bus|train|rail|travel|season|day|week|month|annual|ski|gym"
            + "|festival|event|backstage|press|guest|visitor|parking|access|vip|hall)\\s{1,3})pass";
    private static final Pattern PASSWORD = Pattern.compile("(?iu)(?<![\\p{L}])(?:" + PASSWORD_WORDS + "|pin)"
            + "(?![\\p{L}\\p{N}])"
            + "(?:(?:\\s++\\p{L}++){0,2}\\s*+[:=]|\\s*+(?:is|was|es|era|ist|war|lautet|est|c['’]est|[ée]tait|[ée]|foi)"
            + "(?![\\p{L}])\\s*+[:=]?|['’]s|(?=\\s*+[\"'“«]))\\s*+[\"'“«]?(?<secret>[^\\s\"'”»\\p{So}]{4,64})");
    /**
     * "login jane99 password Hunter2!": a password word and the secret with nothing between them. Without a connecting
     * word the secret must look like nothing else: letters, digits, and upper case or a sign ({@link #looksUnlikeAWord}).
     */
    private static final Pattern PASSWORD_BARE = Pattern.compile("(?iu)(?<![\\p{L}])(?:" + PASSWORD_WORDS + ")"
            + "\\s++(?<secret>[^\\s\"'”»\\p{So}]{4,64})");
    /** "v2.3.1": a version, which has letters, digits and signs too. */
    private static final Pattern VERSION = Pattern.compile("(?i)v?\\d+(?:\\.\\d+)+[a-z]?");
    /**
     * "2FA-protected", "WiFi-related": a word made with one hyphen, which reads as a secret by its digit or capitals
     * (with more hyphens it is a passphrase: "correct-horse-battery-stapled").
     */
    private static final Pattern HYPHENATED_ADJECTIVE = Pattern.compile(
            "-(?:\\p{Ll}*(?:ed|ing|able|ible|ive|less)|free|only|like|based|proof|safe|friendly)$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Digits and separators, as one character class: a repeated group recursed once per group ("1 1 1 ..."). */
    private static final Pattern DIGIT_GROUPS = Pattern.compile("(?<![\\d.-])\\d[\\d .-]*\\d");
    /**
     * "call 4155552671asap", "text me 415-555-2671pls", "06 12 34 56 78svp": a number typed into the next word, which
     * libphonenumber does not split off. The word must have a letter past "f", so that hexadecimal hashes
     * ("4155552671abcdef") stay whole.
     */
    private static final Pattern NUMBER_INTO_WORD = Pattern.compile("(?<![\\p{L}\\p{N}+(])[+(]?\\d(?:[ ().-]{0,2}\\d){8,16}"
            + "(?=\\p{L}{2})(?=[a-fA-F]*+[\\p{L}&&[^a-fA-F]])");
    /** Longer runs (statements, logs, hostile posts) are not searched again. */
    private static final int MAX_GROUPS_RUN = 48;
    private static final int MAX_RUNS_SEARCHED_AGAIN = 4;
    private static final int MIN_LEADING_DIGITS = 4;
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
    public static Set<String> nationalIdRegions() {
        return NationalIds.SUPPORTED_REGIONS;
    }

    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        addMatches(spans, "email", EMAIL.matcher(text),
                m -> !FILE_TYPES.contains(m.group("tld").toLowerCase(Locale.ROOT)) && !sshRemote(text, m.end()));
        addMatches(spans, "email", SPELLED_EMAIL.matcher(text), m -> true);
        addMatches(spans, "email", SPOKEN_EMAIL.matcher(text), m -> spokenAddress(text, m));
        // IBANs first: their digit runs can pass the card number check too.
        addValidStretches(spans, "iban", text, IBAN, PersonalData::ibanValid, false, ReadAgain.NEVER, start -> true);
        // National ids before cards too: a 15-digit French NIR can pass the Luhn check.
        for (int[] id : nationalIds.find(text)) {
            if (!NumberContext.namedAsReference(text, id[0])) addSpan(spans, new Span("national_id", id[0], id[1]));
        }
        addValidStretches(spans, "payment_card", text, CARD, run -> cardNumber(asciiDigitsOf(run)), true,
                CARD_READ_AGAIN,
                start -> !NumberContext.namedAsOrder(text, start));
        // Phones before passwords: "PIN and phone: 0171 1234567" is a phone number, not a PIN "0171".
        addPhones(spans, text);
        addPasswords(spans, PASSWORD.matcher(text), PersonalData::looksSecret);
        addPasswords(spans, PASSWORD_BARE.matcher(text), PersonalData::looksUnlikeAWord);
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
        if (spans.stream().noneMatch(s -> overlaps(s, span))) spans.add(span);
    }

    private static void addPasswords(List<Span> spans, Matcher password, Predicate<String> secretLike) {
        while (password.find()) {
            String secret = withoutUnopenedBracket(password.group("secret"));
            if (secretLike.test(secret)) {
                int start = password.start("secret");
                addSpan(spans, new Span("password", start, start + secret.length()));
            }
        }
    }

    /** Letters and digits, and upper case or a sign: "Hunter2!", "Winter2024", never a word of a sentence. */
    static boolean looksUnlikeAWord(String candidate) {
        String secret = trimTrailingPunctuation(candidate);
        if (!looksSecret(secret) || VERSION.matcher(secret).matches()) return false;
        boolean letter = secret.chars().anyMatch(Character::isLetter);
        boolean digit = secret.chars().anyMatch(Character::isDigit);
        boolean upperOrSign = secret.chars().anyMatch(c -> Character.isUpperCase(c) || !Character.isLetterOrDigit(c));
        return letter && digit && upperOrSign;
    }

    /**
     * A digit, a sign, or upper case after the first letter: what a chosen secret has and a plain word has not. The
     * sentence's own punctuation after it does not count (but is masked with it: it may be part of the secret).
     */
    static boolean looksSecret(String candidate) {
        String secret = trimTrailingPunctuation(candidate);
        if (secret.length() < 4 || secret.chars().allMatch(c -> c == '*')) return false;
        String lower = secret.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.")) return false;
        if (secret.indexOf('-') == secret.lastIndexOf('-') && HYPHENATED_ADJECTIVE.matcher(secret).find()) return false;
        boolean digit = false;
        boolean sign = false;
        boolean innerUpper = false;
        int joiners = 0;
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (Character.isDigit(c)) digit = true;
            else if (c == '-' || c == '/') joiners++;
            else if (!Character.isLetter(c)) sign = true;
            else if (i > 0 && Character.isUpperCase(c)) innerUpper = true;
        }
        // One hyphen or slash joins two words ("case-sensitive", "expired/locked"); a passphrase has more.
        return digit || sign || innerUpper || joiners >= 2;
    }

    /** "(password: Hunter2!)": the closing bracket is the sentence's, unless the secret opened one itself. */
    private static String withoutUnopenedBracket(String secret) {
        if (secret.endsWith(")") && !secret.contains("(")) return secret.substring(0, secret.length() - 1);
        return secret;
    }

    private static String trimTrailingPunctuation(String text) {
        return text.replaceAll("[.,;:!?)]+$", "");
    }

    private void addPhones(List<Span> spans, String text) {
        // libphonenumber's search is the slowest of these checks: skip it when no phone number can be there.
        if (digitCount(text) < MIN_PHONE_DIGITS) return;
        List<Span> found = new ArrayList<>();
        addPhoneMatches(found, text, 0, text.length());
        addPhonesBesideOtherNumbers(found, spans, text);
        addPhonesTypedIntoWords(found, text);
        // The longest reading wins: "(11) 91234-5678" is a whole Brazilian number, and its "91234-5678" a Spanish one.
        found.sort(Comparator.comparingInt(span -> span.start() - span.end()));
        for (Span span : found) addSpan(spans, span);
    }

    /** The phone numbers libphonenumber finds in [from, to) of the text for any region, where the context allows. */
    private void addPhoneMatches(List<Span> found, String text, int from, int to) {
        CharSequence searched = from == 0 && to == text.length() ? text : text.subSequence(from, to);
        for (String region : phoneRegions) {
            for (PhoneNumberMatch match : PHONES.findNumbers(searched, region, PhoneNumberUtil.Leniency.VALID,
                    Long.MAX_VALUE)) {
                int start = from + match.start();
                int end = from + match.end();
                if (digitCount(match.rawString()) < MIN_PHONE_DIGITS) continue;
                if (NumberContext.isNoPhone(text, start, end)) continue;
                found.add(new Span("phone", start, end));
            }
        }
    }

    /**
     * libphonenumber reads digit groups separated by spaces as one number, so a phone number right after an order
     * number or a card ("commande 48213345 06 12 34 56 78"), or right before a count ("call 0171 1234567 2 times"), is
     * one long invalid number to it. A short run of digit groups where nothing was found is searched again: from the
     * group after a number named as an id or found as personal data, or else without a last group of one or two
     * digits, or else as two numbers side by side ("mes numéros 06 12 34 56 78 07 81 23 45 67") when both halves are
     * whole phone numbers. Other runs are left alone: in "1000 2000 3000 4000 5000 users" some stretch is a valid
     * number somewhere. At most {@value #MAX_RUNS_SEARCHED_AGAIN} runs a post, as each search tries every region.
     */
    private void addPhonesBesideOtherNumbers(List<Span> found, List<Span> spans, String text) {
        Matcher run = DIGIT_GROUPS.matcher(text);
        int searchedAgain = 0;
        while (run.find() && searchedAgain < MAX_RUNS_SEARCHED_AGAIN) {
            int runStart = run.start();
            int runEnd = run.end();
            if (runEnd - runStart > MAX_GROUPS_RUN || run.group().indexOf(' ') < 0) continue;
            if (found.stream().anyMatch(span -> span.start() < runEnd && runStart < span.end())) continue;
            int afterLead = groupAfterLeadingNumber(text, spans, runStart, runEnd);
            int beforeCount = endBeforeTrailingCount(text, runStart, runEnd);
            boolean twoNumbers = digitCount(run.group()) >= 2 * MIN_PHONE_DIGITS && !NumberContext.namedAsId(text, runStart)
                    && spans.stream().noneMatch(span -> span.start() < runEnd && runStart < span.end());
            if (afterLead < 0 && beforeCount < 0 && !twoNumbers) continue;
            List<Span> again = afterLead >= 0 ? phonesSpanning(text, afterLead, runEnd, false)
                    : beforeCount >= 0 ? phonesSpanning(text, runStart, beforeCount, true) : List.of();
            if (again.isEmpty() && twoNumbers) again = twoPhonesSideBySide(text, runStart, runEnd);
            found.addAll(again);
            searchedAgain++;
        }
    }

    /** Two whole phone numbers that fill [runStart, runEnd), split at a space between groups; or none. */
    private List<Span> twoPhonesSideBySide(String text, int runStart, int runEnd) {
        for (int split = runStart + 1; split < runEnd; split++) {
            if (text.charAt(split) != ' ' || !Character.isDigit(text.charAt(split - 1))) continue;
            if (digitCount(text.substring(runStart, split)) < MIN_PHONE_DIGITS
                    || digitCount(text.substring(split, runEnd)) < MIN_PHONE_DIGITS) {
                continue;
            }
            List<Span> first = phonesSpanning(text, runStart, split, true);
            if (first.isEmpty()) continue;
            int secondStart = split;
            while (!Character.isDigit(text.charAt(secondStart))) secondStart++;
            List<Span> second = phonesSpanning(text, secondStart, runEnd, true);
            if (second.isEmpty()) continue;
            List<Span> both = new ArrayList<>(first);
            both.addAll(second);
            return both;
        }
        return List.of();
    }

    private void addPhonesTypedIntoWords(List<Span> found, String text) {
        Matcher number = NUMBER_INTO_WORD.matcher(text);
        for (int searched = 0; searched < MAX_RUNS_SEARCHED_AGAIN && number.find(); searched++) {
            found.addAll(phonesSpanning(text, number.start(), number.end(), true));
        }
    }

    /** The phone numbers found in [from, to) that start at {@code from}, and with {@code whole} also end at {@code to}. */
    private List<Span> phonesSpanning(String text, int from, int to, boolean whole) {
        List<Span> found = new ArrayList<>();
        addPhoneMatches(found, text, from, to);
        found.removeIf(span -> span.start() != from || (whole && span.end() != to));
        return found;
    }

    /** Where the group after the run's leading id or personal data starts, or -1 when the run has no such lead. */
    private static int groupAfterLeadingNumber(String text, List<Span> spans, int runStart, int runEnd) {
        int leadingEnd = spans.stream().filter(span -> span.start() <= runStart && runStart < span.end())
                .mapToInt(Span::end).findFirst()
                .orElse(NumberContext.namedAsId(text, runStart) ? text.indexOf(' ', runStart) : -1);
        // An order or customer number has a few digits at least; "version 1 2 3 ..." is a list.
        if (leadingEnd - runStart < MIN_LEADING_DIGITS) return -1;
        int next = leadingEnd;
        while (next < runEnd && !Character.isDigit(text.charAt(next))) next++;
        return next < runEnd && text.charAt(next - 1) == ' ' ? next : -1;
    }

    /** Where the run ends without a last group of one or two digits after a space ("... 2 times"), or -1. */
    private static int endBeforeTrailingCount(String text, int runStart, int runEnd) {
        int lastGroup = runEnd;
        while (lastGroup > runStart && Character.isDigit(text.charAt(lastGroup - 1))) lastGroup--;
        if (runEnd - lastGroup > 2 || lastGroup <= runStart || text.charAt(lastGroup - 1) != ' ') return -1;
        int end = lastGroup - 1;
        while (end > runStart && !Character.isDigit(text.charAt(end - 1))) end--;
        return end > runStart ? end : -1;
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
