package org.carebot.bot.cards;

/** What a case's card is in a channel, which decides what it shows and which buttons it has. */
public enum CardRole {
    /** In the owner queue's channel: the working card with all actions. */
    OWNER,
    /** In a queue told too by a routing rule: for information, no actions. */
    NOTIFIED,
    /** In an escalation target's channel: the escalated team can claim and resolve. */
    ESCALATED,
    /** In a channel the case was retagged away from: says where it went. */
    MOVED,
    /** In engineering's and comms' channels: the storm alert anchored on this case, counts per platform. */
    INCIDENT;

    /** Whether people act on the case from this card: its owners, or the team it was escalated to. */
    public boolean worked() {
        return this == OWNER || this == ESCALATED;
    }
}
