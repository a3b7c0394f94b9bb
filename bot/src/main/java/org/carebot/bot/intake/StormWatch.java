package org.carebot.bot.intake;

import io.micrometer.core.instrument.MeterRegistry;
import org.carebot.bot.cards.CardRequests;
import org.carebot.bot.cases.Actor;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.store.CaseStore;
import org.carebot.bot.store.EventLog;
import org.carebot.bot.store.IncidentStore;
import org.carebot.triage.Triage;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spots storms as posts land: a cluster reaching the minimum within the window, or an intent growing to the minimum
 * and to {@code factor} times its usual rate. The first opens an incident whose alert (the anchor case's card, role
 * INCIDENT) goes to engineering and comms together; later growth updates that alert in place. One incident per
 * intent per cooldown, whichever way it was spotted. Only the intents config names storm: a wave of thanks is no
 * incident.
 */
public final class StormWatch {

    private static final Logger log = LoggerFactory.getLogger(StormWatch.class);

    private final IncidentStore incidents;
    private final CaseStore cases;
    private final CardRequests cards;
    private final EventLog events;
    private final CarebotConfig.StormTuning storms;
    private final List<String> alertChannels;
    private final MeterRegistry metrics;

    public StormWatch(IncidentStore incidents, CaseStore cases, CardRequests cards, EventLog events,
                      CarebotConfig config, MeterRegistry metrics) {
        this.incidents = incidents;
        this.cases = cases;
        this.cards = cards;
        this.events = events;
        this.storms = config.storms();
        this.alertChannels = storms.alert().stream()
                .map(id -> config.escalationTarget(id).orElseThrow().slackChannel()).distinct().toList();
        this.metrics = metrics;
    }

    /** Intent rates move over minutes: counting them once per few seconds per intent is enough. */
    static final java.time.Duration INTENT_CHECK_INTERVAL = java.time.Duration.ofSeconds(5);
    private final Map<String, Instant> lastIntentCheck = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Called in the transaction that opened ({@code joined} false) or joined case {@code caseId} with a post of
     * {@code intent}.
     */
    public void check(Handle handle, long caseId, String intent, boolean joined, Instant now) {
        Instant windowStart = now.minus(storms.window());
        Optional<IncidentStore.Incident> open = incidents.openSince(handle, intent, now.minus(storms.cooldown()));
        // While its case is worked, the storm's alert is updated in place. Once that case is closed and the storm goes
        // on, its posts open or join another case: the storm is spotted again there, and the new alert points to it.
        if (open.isPresent() && (open.get().caseId() == caseId || isOpen(handle, open.get().caseId()))) {
            cards.refreshAll(handle, open.get().caseId(), now);
            return;
        }
        if (!storms.storms(intent)) return;
        int clusterPosts = joined ? sum(incidents.clusterPostsByPlatform(handle, caseId, windowStart)) : 1;
        if (clusterPosts >= storms.minimum()) {
            alert(handle, IncidentStore.Incident.Kind.CLUSTER, intent, caseId, clusterPosts + " posts of one issue", now);
            return;
        }
        // "Many posts triage could not place" says nothing about one issue: only real intents storm.
        if (intent.equals(Triage.OTHER)) return;
        Instant lastCheck = lastIntentCheck.get(intent);
        if (lastCheck != null && lastCheck.plus(INTENT_CHECK_INTERVAL).isAfter(now)) return;
        lastIntentCheck.put(intent, now);
        int inWindow = sum(incidents.intentPostsByPlatform(handle, intent, windowStart, now.plusMillis(1)));
        if (inWindow < storms.minimum()) return;
        int before = sum(incidents.intentPostsByPlatform(handle, intent, now.minus(storms.baseline()), windowStart));
        double usual = before * (double) storms.window().toSeconds()
                / Math.max(1, storms.baseline().minus(storms.window()).toSeconds());
        if (inWindow >= storms.factor() * usual) {
            alert(handle, IncidentStore.Incident.Kind.INTENT, intent, caseId,
                    String.format(java.util.Locale.ROOT, "%d %s posts, usually %.1f", inWindow, intent, usual), now);
        }
    }

    private boolean isOpen(Handle handle, long caseId) {
        return cases.find(handle, caseId).map(kase -> kase.state().isOpen()).orElse(false);
    }

    private void alert(Handle handle, IncidentStore.Incident.Kind kind, String intent, long anchor, String why,
                       Instant now) {
        IncidentStore.Incident incident = incidents.open(handle, kind, intent, anchor, now);
        for (String channel : alertChannels) cards.placeAlert(handle, anchor, channel, now);
        events.append(handle, anchor, Actor.SYSTEM, "storm_detected", null, null,
                why + " in " + storms.window().toMinutes() + " min; alert to " + String.join(", ", storms.alert()), now);
        metrics.counter("carebot.storms", "kind", kind.name().toLowerCase(java.util.Locale.ROOT)).increment();
        log.warn("Storm: incident #{} for {} ({}), anchored on case #{}", incident.id(), intent, why, anchor);
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
