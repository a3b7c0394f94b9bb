package org.carebot.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Accent- and case-insensitive matching of config keywords inside whole words.
 * A keyword ending in {@code *} matches as a prefix ({@code refund*} finds "refunded").
 *
 * <p>Keywords live in a character trie walked from each word start, so a post costs about its length, not its length
 * times the number of keywords: a regex alternation of the ~1,400 config keywords was a fifth of triage's own time.
 * Where several keywords match at one position, the one listed first wins and the scan goes on after it, as a regex
 * alternation would.
 */
final class TextMatch {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    /** Phones type typographic apostrophes (’ ‘ ʼ); keywords are written with the plain one. */
    private static final Pattern APOSTROPHES = Pattern.compile("[\u2018\u2019\u02BC\u2032]");

    /** A keyword ending at a trie node: its place in the list, and whether a word must end right after it. */
    private record Ending(int index, boolean wholeWord) {
    }

    /**
     * A trie node: its children by character, in sorted arrays searched by bisection. Every post walks some twenty tries
     * (one per intent, flag and keyword list) from each word start; a map of boxed characters cost more there.
     */
    private static final class Node {
        private static final Ending[] NO_ENDINGS = {};

        private char[] labels = {};
        private Node[] children = {};
        private Ending[] endings = NO_ENDINGS;

        Node child(char c) {
            int at = Arrays.binarySearch(labels, c);
            return at >= 0 ? children[at] : null;
        }

        Node childOrNew(char c) {
            int at = Arrays.binarySearch(labels, c);
            if (at >= 0) return children[at];
            int insert = -at - 1;
            Node child = new Node();
            labels = inserted(labels, insert, c);
            Node[] grown = Arrays.copyOf(children, children.length + 1);
            System.arraycopy(children, insert, grown, insert + 1, children.length - insert);
            grown[insert] = child;
            children = grown;
            return child;
        }

        void addEnding(Ending ending) {
            endings = Arrays.copyOf(endings, endings.length + 1);
            endings[endings.length - 1] = ending;
        }

        private static char[] inserted(char[] sorted, int at, char c) {
            char[] grown = new char[sorted.length + 1];
            System.arraycopy(sorted, 0, grown, 0, at);
            grown[at] = c;
            System.arraycopy(sorted, at, grown, at + 1, sorted.length - at);
            return grown;
        }
    }

    private final List<String> keywords;
    private final Node root = new Node();

    private TextMatch(List<String> keywords) {
        this.keywords = keywords;
    }

    /** Lowercase, without accents, compatibility characters folded: the form keywords are matched on. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String unmarked = COMBINING_MARKS.matcher(decomposed).replaceAll("");
        return APOSTROPHES.matcher(unmarked).replaceAll("'").toLowerCase(Locale.ROOT);
    }

    /** Combining marks kept in a row: scripts that stack accents use a few; "Zalgo" text piles up hundreds. */
    static final int MARKS_IN_A_ROW = 8;

    /**
     * The text with every run of combining marks cut to {@link #MARKS_IN_A_ROW}; the same string when none is longer.
     * A regex word boundary next to a run of marks looks back over the whole run, so a post of thousands of marks made
     * every pattern with a {@code \b} quadratic (48 s for 20,000 marks).
     */
    static String capMarkRuns(String text) {
        int run = 0;
        StringBuilder capped = null;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK;
            run = mark ? run + 1 : 0;
            if (run > MARKS_IN_A_ROW) {
                if (capped == null) capped = new StringBuilder(text.length()).append(text, 0, i);
            } else if (capped != null) {
                capped.append(text, i, i + width);
            }
            i += width;
        }
        return capped == null ? text : capped.toString();
    }

    static TextMatch of(Collection<String> rawKeywords) {
        List<String> folded = new ArrayList<>();
        TextMatch match = new TextMatch(folded);
        for (String raw : rawKeywords) {
            String keyword = fold(raw.trim());
            boolean prefix = keyword.endsWith("*");
            String word = prefix ? keyword.substring(0, keyword.length() - 1) : keyword;
            if (word.isEmpty()) continue;
            // A keyword ending in a sign ("earn $", "18+") may run straight into a number: no end boundary then.
            boolean wholeWord = !prefix && isWordChar(word.codePointBefore(word.length()));
            Node node = match.root;
            for (int i = 0; i < word.length(); i++) node = node.childOrNew(word.charAt(i));
            node.addEnding(new Ending(folded.size(), wholeWord));
            folded.add(word);
        }
        return match;
    }

    /** The distinct keywords found in already folded text, in the order they first appear. */
    List<String> findIn(String foldedText) {
        List<String> found = new ArrayList<>();
        int position = 0;
        while (position < foldedText.length()) {
            int end = -1;
            if (position == 0 || !isWordChar(foldedText.codePointBefore(position))) {
                int best = Integer.MAX_VALUE;
                Node node = root;
                for (int i = position; i < foldedText.length() && node != null; ) {
                    node = node.child(foldedText.charAt(i++));
                    if (node == null) break;
                    for (Ending ending : node.endings) {
                        if (ending.index() < best && (!ending.wholeWord() || i == foldedText.length()
                                || !isWordChar(foldedText.codePointAt(i)))) {
                            best = ending.index();
                            end = i;
                        }
                    }
                }
                if (end >= 0 && !found.contains(keywords.get(best))) found.add(keywords.get(best));
            }
            position = end > position ? end : position + 1;
        }
        return found;
    }

    /** Letters and numbers, as {@code \p{L}} and {@code \p{N}} in a regex. */
    private static boolean isWordChar(int codePoint) {
        if (Character.isLetter(codePoint)) return true;
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
