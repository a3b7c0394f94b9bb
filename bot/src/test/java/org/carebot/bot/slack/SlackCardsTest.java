package org.carebot.bot.slack;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlackCardsTest {

    private static final int CUT = SlackCards.MAX_TEXT - 1;

    @Test
    void a_text_within_the_limit_is_left_whole() {
        String text = "x".repeat(SlackCards.MAX_TEXT);
        assertSame(text, SlackCards.truncate(text));
    }

    @Test
    void a_long_text_is_not_cut_between_the_halves_of_an_emoji() {
        String text = "x".repeat(CUT - 1) + "😡" + "y".repeat(100);

        String cut = SlackCards.truncate(text);

        assertEquals("x".repeat(CUT - 1) + "…", cut);
        assertTrue(cut.codePoints().noneMatch(c -> Character.isSurrogate((char) c)), "no half of an emoji left");
    }

    @Test
    void a_long_text_is_not_cut_inside_an_escape() {
        String text = SlackCards.escape("x".repeat(CUT - 2) + "&" + "y".repeat(100));

        assertEquals("x".repeat(CUT - 2) + "…", SlackCards.truncate(text));
        assertTrue(SlackCards.truncate(text).length() <= SlackCards.MAX_TEXT);
    }

    @Test
    void a_digest_of_a_flood_fits_one_message_and_says_how_many_it_leaves_out() {
        java.util.List<org.carebot.bot.digest.Digest.Line> lines = java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> new org.carebot.bot.digest.Digest.Line(i, "x · @bot" + i, "y".repeat(5000),
                        "a bot flood: the same post from 40 accounts in 10 min, sending readers to cloudfilecheck.xyz"))
                .toList();

        var blocks = new SlackCards().renderDigest(new org.carebot.bot.digest.Digest("Tech support", "24 h", 312, 0, lines));

        assertEquals(27, blocks.size(), "heading, 25 lines and the command for older ones: at most 50 blocks");
        String json = new com.google.gson.Gson().toJson(blocks);
        assertTrue(json.length() < 13_000, json.length() + " characters: Slack refuses much more");
        assertTrue(json.contains("312 posts") && json.contains("the latest 25 below"), json.substring(0, 300));
    }
}
