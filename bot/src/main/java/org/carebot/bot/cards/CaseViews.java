package org.carebot.bot.cards;

import org.carebot.bot.cases.Case;
import org.carebot.bot.cases.CaseEvent;
import org.carebot.bot.store.BlockedAuthors;
import org.carebot.bot.store.CaseStore;
import org.carebot.bot.store.ClusterStore;
import org.carebot.bot.store.EventLog;
import org.carebot.bot.store.IncidentStore;
import org.carebot.bot.store.Json;
import org.carebot.bot.store.PostStore;
import org.carebot.triage.Post;
import org.carebot.triage.Triage;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads what a card shows: the case, its post (as last edited), the triage and the events. */
public final class CaseViews {

    private final CaseStore cases;
    private final PostStore posts;
    private final EventLog events;
    private final ClusterStore clusters;
    private final IncidentStore incidents;
    private final BlockedAuthors blocked;
    private final java.time.Duration stormWindow;
    private final java.time.Clock clock;
    private final Json json;

    public CaseViews(CaseStore cases, PostStore posts, EventLog events, ClusterStore clusters, IncidentStore incidents,
                     BlockedAuthors blocked, java.time.Duration stormWindow, java.time.Clock clock, Json json) {
        this.cases = cases;
        this.posts = posts;
        this.events = events;
        this.clusters = clusters;
        this.incidents = incidents;
        this.blocked = blocked;
        this.stormWindow = stormWindow;
        this.clock = clock;
        this.json = json;
    }

    /** The storm this case anchors, with its posts per platform over the storm window, if it anchors one. */
    private Optional<CardFactory.StormView> storm(Handle handle, long caseId) {
        return incidents.latestForCase(handle, caseId).map(incident -> {
            java.time.Instant now = clock.instant();
            java.time.Instant since = now.minus(stormWindow);
            var perPlatform = incident.kind() == IncidentStore.Incident.Kind.CLUSTER
                    ? incidents.clusterPostsByPlatform(handle, caseId, since)
                    : incidents.intentPostsByPlatform(handle, incident.subject(), since, now.plusMillis(1));
            return new CardFactory.StormView(incident.subject(), perPlatform, stormWindow);
        });
    }

    public Optional<CardFactory.CaseView> load(Handle handle, long caseId) {
        Optional<Case> kase = cases.find(handle, caseId);
        if (kase.isEmpty()) return Optional.empty();
        Post post = posts.find(handle, kase.get().postId()).orElseThrow().post();
        Triage triage = posts.triageOf(handle, kase.get().postId()).orElseThrow();
        List<CaseEvent> history = events.list(handle, caseId);
        return Optional.of(new CardFactory.CaseView(kase.get(), withLatestEdit(handle, post, history), triage, history,
                clusters.tally(handle, caseId), latestRepeats(handle, caseId), storm(handle, caseId),
                blocked.isBlocked(handle, post.platform(), post.author())));
    }

    private List<CardFactory.RepeatView> latestRepeats(Handle handle, long caseId) {
        return clusters.latestRepeats(handle, caseId, CardFactory.REPEATS_SHOWN).stream()
                .map(repeat -> new CardFactory.RepeatView(repeat.postId(),
                        posts.find(handle, repeat.postId()).orElseThrow().post(), repeat.match()))
                .toList();
    }

    /** The post with the words of its latest edit: the stored edit the event names (older events held the words). */
    private Post withLatestEdit(Handle handle, Post post, List<CaseEvent> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            CaseEvent event = history.get(i);
            if (!event.action().equals("post_edited") || event.after() == null) continue;
            Map<String, Object> after = json.readMap(event.after());
            Optional<String> text = after.get("post") instanceof Number editId
                    ? posts.find(handle, editId.longValue()).map(edit -> edit.post().text())
                    : Optional.ofNullable(after.get("text")).map(Object::toString);
            if (text.isPresent()) {
                return new Post(post.platform(), post.platformId(), post.author(), text.get(), post.url(),
                        post.postedAt(), post.conversationId());
            }
        }
        return post;
    }
}
