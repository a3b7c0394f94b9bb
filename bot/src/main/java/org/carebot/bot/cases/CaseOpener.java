package org.carebot.bot.cases;

import org.carebot.bot.cards.CardRequests;
import org.carebot.bot.cards.CardRole;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.store.CaseStore;
import org.carebot.bot.store.EventLog;
import org.carebot.triage.Route;
import org.carebot.triage.Triage;
import org.jdbi.v3.core.Handle;

import java.time.Instant;

/** Opens a case for a routed post: the case row, its first event, and a card in the owner's and notified channels. */
public final class CaseOpener {

    private final CaseStore cases;
    private final EventLog events;
    private final CardRequests cards;
    private final CarebotConfig config;

    public CaseOpener(CaseStore cases, EventLog events, CardRequests cards, CarebotConfig config) {
        this.cases = cases;
        this.events = events;
        this.cards = cards;
        this.config = config;
    }

    public Case open(Handle handle, long postId, Triage triage, Route route, Instant now) {
        CarebotConfig.QueueConfig queue = config.requireQueue(route.queue());
        Case kase = cases.open(handle, postId, queue.id(), triage.intent(), triage.priority(), now,
                now.plus(queue.sla().firstResponse()), now.plus(queue.sla().resolution()));
        events.append(handle, kase.id(), Actor.SYSTEM, "case_opened", null, kase.snapshot(),
                "rule: " + route.rule() + ", " + triage.priority(), now);
        cards.place(handle, kase.id(), queue.slackChannel(), CardRole.OWNER, now);
        for (String notified : route.alsoNotify()) {
            String channel = config.requireQueue(notified).slackChannel();
            if (!channel.equals(queue.slackChannel())) cards.place(handle, kase.id(), channel, CardRole.NOTIFIED, now);
        }
        return kase;
    }
}
