package org.carebot.bot.outbox;

import java.time.Instant;

/**
 * One pending chat call. A {@link Kind#CARD} delivery posts the case's card in the channel, or updates it in place once
 * it has been posted, rendered from the case as it is at send time (so pending updates merge into one call).
 */
public record Delivery(long id, Kind kind, String channel, Long caseId, String payload, State state, int attempts,
                       Instant nextAttemptAt, Instant createdAt) {

    public enum Kind { CARD, EPHEMERAL, DIGEST }

    public enum State { PENDING, SENDING, SENT, FAILED, NOT_CONFIGURED }
}
