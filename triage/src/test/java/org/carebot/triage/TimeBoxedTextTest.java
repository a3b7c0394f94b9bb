package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeBoxedTextTest {

    @Test
    void a_pattern_that_backtracks_without_end_is_stopped() {
        // The config's first "refund desk" pattern: on 20,000 characters of "1-1-1-" it searched for 14 s.
        Pattern backtracking = Pattern.compile("\\b[\\w.+-]*(?:refund|support|help)[\\w.+-]*@[\\w-]+\\.\\w+");
        TimeBoxedText text = new TimeBoxedText("1-".repeat(10_000), 20_000_000L);

        assertThrows(TimeBoxedText.Expired.class, () -> backtracking.matcher(text).find());
    }

    @Test
    void a_sound_pattern_matches_as_on_the_plain_text() {
        Matcher matcher = Pattern.compile("refund\\w*@\\w+\\.com").matcher(
                new TimeBoxedText("write to refunds@mail.com today", 1_000_000_000L));

        assertTrue(matcher.find());
        assertEquals("refunds@mail.com", matcher.group());
    }
}
