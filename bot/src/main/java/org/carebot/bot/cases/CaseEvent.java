package org.carebot.bot.cases;

import java.time.Instant;

/** One entry of a case's audit trail. {@code before} and {@code after} are JSON snapshots of the case. */
public record CaseEvent(long id, long caseId, String actor, String action, Instant occurredAt, String before,
                        String after, String detail, String prevHash, String hash) {
}
