package org.carebot.triage;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.carebot.triage.PersonalData.Span;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers in a post: libphonenumber's search in every configured region, where {@link NumberContext} allows,
 * and searched again where people write them in ways it does not split: beside other numbers, or typed into the next
 * word. Part of {@link PersonalData}.
 */
final class PhoneNumbers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Digits and separators, as one character class: a repeated group recursed once per group ("1 1 1 ..."). */
    private static final Pattern DIGIT_GROUPS = Pattern.compile("(?<![\\d.-])\\d[\\d .-]*\\d");
    /**
     * "call 4155552671asap", "text me 415-555-2671pls", "06 12 34 56 78svp": a number typed into the next word, which
     * libphonenumber does not split off. The word must have a letter past "f", so that hexadecimal hashes
     * ("4155552671abcdef") stay whole.
     */
    private static final Pattern NUMBER_INTO_WORD = Pattern.compile(
            "(?<![\\p{L}\\p{N}+(])[+(]?\\d(?:[ ().-]{0,2}\\d){8,16}(?=\\p{L}{2})(?=[a-fA-F]*+[\\p{L}&&[^a-fA-F]])");
    /** Longer runs (statements, logs, hostile posts) are not searched again. */
    private static final int MAX_GROUPS_RUN = 48;
    private static final int MAX_RUNS_SEARCHED_AGAIN = 4;
    private static final int MIN_LEADING_DIGITS = 4;
    /** Short codes and error numbers ("503") are valid in some region, but nobody's phone number. */
    static final int MIN_PHONE_DIGITS = 7;

    private final List<String> regions;

    PhoneNumbers(List<String> regions) {
        this.regions = regions.isEmpty() ? List.of("ZZ") : List.copyOf(regions);
    }

    /**
     * Every reading of a phone number in the text, the longest first: "(11) 91234-5678" is a whole Brazilian number,
     * and its "91234-5678" a Spanish one. {@code spans} is the personal data found before phones (cards, ids). The
     * caller skips texts with fewer than {@value #MIN_PHONE_DIGITS} digits: libphonenumber's search is the slowest
     * personal-data check.
     */
    List<Span> find(String text, List<Span> spans) {
        List<Span> found = new ArrayList<>();
        addPhoneMatches(found, text, 0, text.length());
        addPhonesBesideOtherNumbers(found, spans, text);
        addPhonesTypedIntoWords(found, text);
        found.sort(Comparator.comparingInt(span -> span.start() - span.end()));
        return found;
    }

    /** The phone numbers libphonenumber finds in [from, to) of the text for any region, where the context allows. */
    private void addPhoneMatches(List<Span> found, String text, int from, int to) {
        CharSequence searched = from == 0 && to == text.length() ? text : text.subSequence(from, to);
        for (String region : regions) {
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
            if (found.stream().anyMatch(span -> span.overlaps(runStart, runEnd))) continue;
            int afterLead = groupAfterLeadingNumber(text, spans, runStart, runEnd);
            int beforeCount = endBeforeTrailingCount(text, runStart, runEnd);
            boolean twoNumbers = digitCount(run.group()) >= 2 * MIN_PHONE_DIGITS
                    && !NumberContext.namedAsId(text, runStart)
                    && spans.stream().noneMatch(span -> span.overlaps(runStart, runEnd));
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

    /** The phone numbers found in [from, to) that start at {@code from}, and with {@code whole} end at {@code to}. */
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

    static int digitCount(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) digits++;
        }
        return digits;
    }
}
