package org.carebot.bot.cards;

import org.carebot.bot.outbox.Outbox;
import org.carebot.bot.store.CardStore;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** Asks the outbox to show a case's cards as the case is now: the one way cards are placed and refreshed. */
public final class CardRequests {

    private final CardStore cards;
    private final Outbox outbox;

    public CardRequests(CardStore cards, Outbox outbox) {
        this.cards = cards;
        this.outbox = outbox;
    }

    /** Puts (or re-roles) the case's card in a channel and asks for it to be posted or updated. */
    public void place(Handle handle, long caseId, String channel, CardRole role, Instant now) {
        cards.place(handle, caseId, channel, role);
        outbox.requestCard(handle, caseId, channel, now);
    }

    /** Re-roles a card without asking for a delivery yet (a refresh follows). */
    public void rerole(Handle handle, long caseId, String channel, CardRole role) {
        cards.place(handle, caseId, channel, role);
    }

    /** Asks for every card of the case to be brought up to date. */
    public void refreshAll(Handle handle, long caseId, Instant now) {
        for (CardStore.CardPlacement card : cards.list(handle, caseId)) {
            outbox.requestCard(handle, caseId, card.channel(), now);
        }
    }

    /** A batch of work's card refreshes: each case it touched is refreshed once, when the batch is done. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * Cases whose cards a batch changed. In a storm one case takes dozens of repeats per batch; asking for its cards
     * once at the end (still inside the batch's transaction) does the same as asking after each repeat.
     */
    public final class Batch {
        private final Set<Long> cases = new LinkedHashSet<>();

        private Batch() {
        }

        public void refresh(long caseId) {
            cases.add(caseId);
        }

        /** Asks for the cards of every case collected so far, then starts afresh. */
        public void request(Handle handle, Instant now) {
            for (long caseId : cases) refreshAll(handle, caseId, now);
            cases.clear();
        }
    }
}
