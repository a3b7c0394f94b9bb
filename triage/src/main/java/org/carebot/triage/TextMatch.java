package org.carebot.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accent- and case-insensitive matching of config keywords inside whole words.
 * A keyword ending in {@code *} matches as a prefix ({@code refund*} finds "refunded").
 */
final class TextMatch {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    /** Phones type typographic apostrophes (’ ‘ ʼ); keywords are written with the plain one. */
    private static final Pattern APOSTROPHES = Pattern.compile("[\u2018\u2019\u02BC\u2032]");

    private final List<String> keywords;
    private final Pattern pattern;

    private TextMatch(List<String> keywords, Pattern pattern) {
        this.keywords = keywords;
        this.pattern = pattern;
    }

    /** Lowercase, without accents, compatibility characters folded: the form keywords are matched on. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String unmarked = COMBINING_MARKS.matcher(decomposed).replaceAll("");
        return APOSTROPHES.matcher(unmarked).replaceAll("'").toLowerCase(Locale.ROOT);
    }

    static TextMatch of(Collection<String> rawKeywords) {
        List<String> folded = new ArrayList<>();
        List<String> alternatives = new ArrayList<>();
        for (String raw : rawKeywords) {
            String keyword = fold(raw.trim());
            if (keyword.isEmpty()) continue;
            boolean prefix = keyword.endsWith("*");
            String word = prefix ? keyword.substring(0, keyword.length() - 1) : keyword;
            folded.add(word);
            // A keyword ending in a sign ("earn $", "18+") may run straight into a number: no end boundary then.
            boolean wordEnd = !prefix && Character.isLetterOrDigit(word.charAt(word.length() - 1));
            alternatives.add("(" + Pattern.quote(word) + ")" + (wordEnd ? "(?![\\p{L}\\p{N}])" : ""));
        }
        if (alternatives.isEmpty()) return new TextMatch(List.of(), null);
        Pattern pattern = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")");
        return new TextMatch(List.copyOf(folded), pattern);
    }

    /** The distinct keywords found in already folded text, in the order they first appear. */
    List<String> findIn(String foldedText) {
        if (pattern == null) return List.of();
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(foldedText);
        while (matcher.find()) {
            firstGroup(matcher).filter(k -> !found.contains(k)).ifPresent(found::add);
        }
        return found;
    }

    private Optional<String> firstGroup(Matcher matcher) {
        for (int group = 1; group <= matcher.groupCount(); group++) {
            if (matcher.group(group) != null) return Optional.of(keywords.get(group - 1));
        }
        return Optional.empty();
    }
}
