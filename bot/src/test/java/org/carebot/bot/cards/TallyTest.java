package org.carebot.bot.cards;

import org.carebot.bot.store.ClusterStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The card's live counter of repeats. */
class TallyTest {

    private static final Instant OPENED = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void the_counter_spans_from_the_case_opening_to_its_latest_repeat_and_names_every_platform() {
        ClusterStore.Tally oneLateRepeat = new ClusterStore.Tally(1, List.of("instagram"), OPENED.plusSeconds(25 * 60),
                OPENED.plusSeconds(25 * 60));
        assertEquals("+1 similar in 25 min · Instagram, X", CardFactory.tally(oneLateRepeat, OPENED, "x"));

        ClusterStore.Tally burst = new ClusterStore.Tally(37, List.of("discord", "x"), OPENED.plusSeconds(5),
                OPENED.plusSeconds(9 * 60 + 30));
        assertEquals("+37 similar in 10 min · Discord, X", CardFactory.tally(burst, OPENED, "x"));
    }

    @Test
    void no_counter_before_the_first_repeat() {
        assertNull(CardFactory.tally(ClusterStore.Tally.none(), OPENED, "x"));
    }
}
