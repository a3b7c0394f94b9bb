package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The keyword trie finds what a regex alternation of the same keywords finds (the matcher it replaced), on texts
 * built at random from keywords, parts of keywords, signs, digits, accents and emoji.
 */
class TextMatchEquivalenceTest {

    private static final List<String> KEYWORDS = List.of("sue", "sue you", "suing", "refund*", "earn $", "earn $*",
            "18+", "c++", "dm me", "dm me on whatsapp", "down", "down again", "kms", "want to kms", "can't log in",
            "no funciona", "panne", "sue", "réembolso*", "5.0", "502", "2fa", "e-mail", "t.me", "ça marche pas");
    private static final String[] FILLERS = {" ", "  ", ", ", "!", "?", ".", "-", "'", "’", "$", "5", "500", "x",
            "é", "ü", "🙄", "🔥", "\n", "@", "#", "s", "ing", "ed"};

    @Test
    void the_trie_finds_what_the_regex_found() {
        TextMatch trie = TextMatch.of(KEYWORDS);
        Reference regex = new Reference(KEYWORDS);
        Random random = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(8);
            for (int p = 0; p < pieces; p++) {
                String keyword = KEYWORDS.get(random.nextInt(KEYWORDS.size())).replace("*", "");
                switch (random.nextInt(4)) {
                    case 0 -> text.append(keyword);
                    case 1 -> text.append(keyword, 0, 1 + random.nextInt(keyword.length()));
                    default -> text.append(FILLERS[random.nextInt(FILLERS.length)]);
                }
            }
            String folded = TextMatch.fold(text.toString());
            assertEquals(regex.findIn(folded), trie.findIn(folded), "in \"" + text + "\"");
        }
    }

    /** The former implementation: one alternation, first listed alternative wins, scan resumes after a match. */
    private static final class Reference {
        private final List<String> words = new ArrayList<>();
        private final Pattern pattern;

        Reference(List<String> raw) {
            List<String> alternatives = new ArrayList<>();
            for (String keyword : raw) {
                String folded = TextMatch.fold(keyword.trim());
                boolean prefix = folded.endsWith("*");
                String word = prefix ? folded.substring(0, folded.length() - 1) : folded;
                words.add(word);
                boolean wordEnd = !prefix && Character.isLetterOrDigit(word.charAt(word.length() - 1));
                alternatives.add("(" + Pattern.quote(word) + ")" + (wordEnd ? "(?![\\p{L}\\p{N}])" : ""));
            }
            pattern = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")");
        }

        List<String> findIn(String folded) {
            List<String> found = new ArrayList<>();
            Matcher matcher = pattern.matcher(folded);
            while (matcher.find()) {
                firstGroup(matcher).filter(k -> !found.contains(k)).ifPresent(found::add);
            }
            return found;
        }

        private Optional<String> firstGroup(Matcher matcher) {
            for (int group = 1; group <= matcher.groupCount(); group++) {
                if (matcher.group(group) != null) return Optional.of(words.get(group - 1));
            }
            return Optional.empty();
        }
    }
}
