package org.carebot.bot.cards;

import org.carebot.bot.outbox.Outbox;
import org.carebot.bot.store.CardStore;
import org.jdbi.v3.core.Handle;

import java.time.Instant;

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

    /**
     * Puts the case's storm alert in a channel, unless the case is worked there (its owner queue or the team it was
     * escalated to may share the channel with an alert target): the people working it keep their buttons, and the
     * card is refreshed instead.
     */
    public void placeAlert(Handle handle, long caseId, String channel, Instant now) {
        boolean worked = cards.find(handle, caseId, channel).map(card -> card.role().worked()).orElse(false);
        if (worked) {
            outbox.requestCard(handle, caseId, channel, now);
        } else {
            place(handle, caseId, channel, CardRole.INCIDENT, now);
        }
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
}
