package org.carebot.bot.cases;

import org.carebot.bot.cards.CardRequests;
import org.carebot.bot.cards.CardRole;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.Permission;
import org.carebot.bot.store.BlockedAuthors;
import org.carebot.bot.store.CaseStore;
import org.carebot.bot.store.ClusterStore;
import org.carebot.bot.store.Database;
import org.carebot.bot.store.EventLog;
import org.carebot.bot.store.LabeledExampleStore;
import org.carebot.bot.store.SensitiveLabelStore;
import org.carebot.bot.store.PostState;
import org.carebot.bot.store.PostStore;
import org.carebot.bot.store.StoredPost;
import org.carebot.bot.store.Stores;
import org.carebot.bot.outbox.Outbox;
import org.carebot.triage.Priority;
import org.carebot.triage.Route;
import org.carebot.triage.Router;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.Triage;
import org.carebot.triage.TriageEngine;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What people do to cases, whichever surface they press the button on. Each command locks the case, checks the
 * actor's permission, changes the case, appends the event and asks the outbox to refresh the cards, in one
 * transaction. A refusal is recorded too, and the actor is told why.
 */
public final class CaseCommands {

    private final Database database;
    private final CaseStore cases;
    private final PostStore posts;
    private final EventLog events;
    private final CardRequests cards;
    private final Outbox outbox;
    private final RolePolicy policy;
    private final Router router;
    private final TriageEngine engine;
    private final CarebotConfig config;
    private final Clock clock;
    private final Runnable afterChange;
    private final Learning learning;
    private final BlockedAuthors blocked;
    private final ClusterGrowth growth;
    private final ClusterStore clusters;
    private final CaseOpener opener;
    private final ClusterCorrections clusterCorrections;

    /**
     * Hears, once it is committed, what a person changed that the cluster index must follow: a repeat split off its
     * case, a case retagged (the same issue in other words is looked for within an intent), a held-back post restored
     * as a case (its copies join it).
     */
    public interface ClusterCorrections {
        void split(long fromCase, long toCase, String intent, String text);

        void retagged(long caseId, String intent);

        void restored(long caseId, String intent, String text);
    }

    /** Learns from a person's label as soon as it is committed (the embeddings engine adds it to its examples). */
    public interface Learner {
        void intent(String text, String intent);

        void sensitive(String text, SensitiveFlag flag, boolean sensitive);
    }

    /** Where people's labels are kept, and the engine that learns from each once it is committed. */
    public record Learning(LabeledExampleStore intents, SensitiveLabelStore sensitive, Learner learner) {
    }

    public CaseCommands(Stores stores, CardRequests cards, Outbox outbox, RolePolicy policy, Router router,
                        TriageEngine engine, CarebotConfig config, Clock clock, Runnable afterChange, Learning learning,
                        ClusterGrowth growth, CaseOpener opener, ClusterCorrections clusterCorrections) {
        this.database = stores.database();
        this.cases = stores.cases();
        this.posts = stores.posts();
        this.events = stores.events();
        this.cards = cards;
        this.outbox = outbox;
        this.policy = policy;
        this.router = router;
        this.engine = engine;
        this.config = config;
        this.clock = clock;
        this.afterChange = afterChange;
        this.learning = learning;
        this.blocked = stores.blocked();
        this.growth = growth;
        this.clusters = stores.clusters();
        this.opener = opener;
        this.clusterCorrections = clusterCorrections;
    }

    public Outcome claim(long caseId, Actor actor) {
        return run(caseId, actor, Permission.CLAIM, (handle, kase, now) -> {
            if (actor.userId().equals(kase.assignee())) return new Outcome.Refused("You already own case #" + caseId + ".");
            Case claimed = kase.claimedBy(actor.userId(), now);
            String detail = kase.assignee() == null ? null : "taken over from " + kase.assignee();
            record(handle, kase, claimed, actor, "claimed", detail, now);
            refreshAllCards(handle, claimed, now);
            return new Outcome.Done(claimed, "You claimed case #" + caseId + ".");
        });
    }

    public Outcome retag(long caseId, Actor actor, String intent) {
        Outcome outcome = run(caseId, actor, Permission.RETAG, (handle, kase, now) -> {
            if (!config.intentNames().contains(intent) && !intent.equals(Triage.OTHER)) {
                return new Outcome.Refused("'" + intent + "' is not an intent in the taxonomy.");
            }
            if (intent.equals(kase.intent())) return new Outcome.Refused("Case #" + caseId + " is already " + intent + ".");
            StoredPost post = posts.find(handle, kase.postId()).orElseThrow();
            Triage original = posts.triageOf(handle, kase.postId()).orElseThrow();
            Corrected correction = correct(handle, kase, post, original, intent, original.sensitive());
            Route route = correction.route();
            Case moved = kase.withQueueAndIntent(route.queue(), intent, now);
            if (correction.priority() != kase.priority()) moved = moved.withPriority(correction.priority(), now);
            posts.updateCorrected(handle, kase.postId(), correction.triage());
            learning.intents().add(handle, new LabeledExampleStore.LabeledExample(post.id(), intent, post.post().text(),
                    actor.userId(), now));
            record(handle, kase, moved, actor, "retagged", kase.intent() + " → " + intent + moves(kase, moved), now);
            moveCards(handle, caseId, kase.queue(), route.queue());
            refreshAllCards(handle, moved, now);
            return new Outcome.Done(moved, "Case #" + caseId + " is now " + intent + moves(kase, moved) + ".");
        });
        if (outcome instanceof Outcome.Done done) {
            learning.learner().intent(committedText(done.kase().postId()), intent);
            clusterCorrections.retagged(caseId, intent);
        }
        return outcome;
    }

    /**
     * A person says the case's post is ({@code sensitive}) or is not of a sensitive flag. The case's flags change, its
     * priority and queue follow them as triage would have set them (a self-harm flag added goes to trust and safety
     * at P1), and the engine takes the post as an example, or a counter-example, of the flag. Personal data is found
     * by patterns, not by resemblance, so there is nothing to teach there. A reply needs approval all the same.
     */
    public Outcome sensitive(long caseId, Actor actor, SensitiveFlag flag, boolean sensitive) {
        Outcome outcome = run(caseId, actor, Permission.RETAG, "sensitive", (handle, kase, now) -> {
            String name = flag.key().replace('_', ' ');
            if (flag == SensitiveFlag.PERSONAL_DATA) {
                return new Outcome.Refused("Personal data is found by patterns (emails, phone and card numbers), "
                        + "not learned from examples.");
            }
            StoredPost post = posts.find(handle, kase.postId()).orElseThrow();
            Triage original = posts.triageOf(handle, kase.postId()).orElseThrow();
            Set<SensitiveFlag> flags = EnumSet.noneOf(SensitiveFlag.class);
            flags.addAll(original.sensitive());
            if (sensitive ? !flags.add(flag) : !flags.remove(flag)) {
                return new Outcome.Refused("Case #" + caseId + (sensitive ? " is already flagged " : " is not flagged ")
                        + name + ".");
            }
            Corrected correction = correct(handle, kase, post, original, kase.intent(), flags);
            Triage corrected = correction.triage();
            Route route = correction.route();
            Case moved = kase.withQueueAndIntent(route.queue(), kase.intent(), now);
            if (correction.priority() != kase.priority()) moved = moved.withPriority(correction.priority(), now);
            posts.updateCorrected(handle, kase.postId(), corrected);
            learning.sensitive().add(handle, new SensitiveLabelStore.SensitiveLabel(post.id(), flag, sensitive,
                    post.post().text(), actor.userId(), now));
            cases.save(handle, moved);
            Map<String, Object> before = new LinkedHashMap<>(kase.snapshot());
            before.put("sensitive", keys(original.sensitive()));
            Map<String, Object> after = new LinkedHashMap<>(moved.snapshot());
            after.put("sensitive", keys(flags));
            String moves = moves(kase, moved);
            events.append(handle, caseId, actor.userId(), sensitive ? "flag_added" : "flag_cleared", before, after,
                    name + moves, now);
            moveCards(handle, caseId, kase.queue(), route.queue());
            refreshAllCards(handle, moved, now);
            return new Outcome.Done(moved, "Case #" + caseId + (sensitive ? " flagged " : " is not ") + name + moves
                    + ".");
        });
        if (outcome instanceof Outcome.Done done) {
            learning.learner().sensitive(committedText(done.kase().postId()), flag, sensitive);
        }
        return outcome;
    }

    public Outcome escalate(long caseId, Actor actor, String targetId) {
        return run(caseId, actor, Permission.ESCALATE, (handle, kase, now) -> {
            Optional<CarebotConfig.EscalationTarget> target = config.escalationTarget(targetId);
            if (target.isEmpty()) return new Outcome.Refused("'" + targetId + "' is not an escalation target.");
            if (targetId.equals(kase.escalatedTo())) {
                return new Outcome.Refused("Case #" + caseId + " is already escalated to " + target.get().name() + ".");
            }
            Case escalated = kase.escalatedTo(targetId, now);
            record(handle, kase, escalated, actor, "escalated", target.get().name(), now);
            String channel = target.get().slackChannel();
            if (!channel.equals(channelOf(kase.queue()))) cards.rerole(handle, caseId, channel, CardRole.ESCALATED);
            refreshAllCards(handle, escalated, now);
            return new Outcome.Done(escalated, "Case #" + caseId + " escalated to " + target.get().name() + ".");
        });
    }

    /** Blocks the case's author: their later posts are kept and counted but open no case. The case itself stays. */
    public Outcome blockAuthor(long caseId, Actor actor) {
        return run(caseId, actor, Permission.BLOCK, (handle, kase, now) -> {
            StoredPost post = posts.find(handle, kase.postId()).orElseThrow();
            String who = post.post().author().display() + " on " + post.post().platform();
            if (BlockedAuthors.key(post.post().author()).isEmpty()) {
                return new Outcome.Refused("This post names no author to block.");
            }
            if (!blocked.block(handle, post.post().platform(), post.post().author(), actor.userId(), caseId, now)) {
                return new Outcome.Refused(who + " is already blocked.");
            }
            events.append(handle, caseId, actor.userId(), "author_blocked", null, null, who, now);
            refreshAuthorsCards(handle, kase, post, now);
            return new Outcome.Done(kase, "Blocked " + who + ": their posts no longer open cases.");
        });
    }

    /**
     * Undoes a block, from any of the author's cases, resolved ones too (a case is often blocked and then resolved):
     * the author's next posts open cases again. Posts held back while they were blocked stay held back; each queue's
     * daily digest lists those it would have had, with a Restore button.
     */
    public Outcome unblockAuthor(long caseId, Actor actor) {
        return run(caseId, actor, Permission.BLOCK, "unblock", true, (handle, kase, now) -> {
            StoredPost post = posts.find(handle, kase.postId()).orElseThrow();
            String who = post.post().author().display() + " on " + post.post().platform();
            if (!blocked.unblock(handle, post.post().platform(), post.post().author())) {
                return new Outcome.Refused(who + " is not blocked.");
            }
            events.append(handle, caseId, actor.userId(), "author_unblocked", null, null, who, now);
            refreshAuthorsCards(handle, kase, post, now);
            return new Outcome.Done(kase, "Unblocked " + who + ": their posts open cases again. Those held back "
                    + "meanwhile are in the daily digests and `/care held`, to restore.");
        });
    }

    /** After a block or an unblock: every card of the author's open cases, and this case's, shows the other button. */
    private void refreshAuthorsCards(Handle handle, Case kase, StoredPost post, Instant now) {
        refreshAllCards(handle, kase, now);
        for (long other : blocked.openCasesOf(handle, post.post().platform(), post.post().author())) {
            if (other != kase.id()) cards.refreshAll(handle, other, now);
        }
    }

    /**
     * A suppressed post a person says is real: it opens a case in the queue whose digest listed it, tagged {@code other}
     * when triage took it for spam, for the person to tag (a bot flood's copy or a blocked author's post keeps the intent
     * triage found). Its stored triage is no longer spam, so it counts as a customer's post from then on (storm
     * baselines, reports); the event keeps what it was held back as. Copies join the case from then on, a bot flood's
     * too, unless triage holds one back as spam of its own.
     */
    public Outcome restore(long postId, Actor actor) {
        Outcome outcome = database.inTransaction(handle -> {
            Instant now = clock.instant();
            // Locked: two Restore presses at once must not open two cases (the second finds it restored).
            Optional<StoredPost> post = posts.findForUpdate(handle, postId);
            Optional<Triage> triage = posts.triageOf(handle, postId);
            if (post.isEmpty() || triage.isEmpty() || post.get().state() != PostState.SUPPRESSED) {
                String reason = "Post #" + postId + " is not held back any more.";
                outbox.requestEphemeral(handle, actor.channel(), actor.userId(), reason, now);
                return new Outcome.Refused(reason);
            }
            Triage held = triage.get();
            String intent = held.intent().equals(config.spam().intent()) ? Triage.OTHER : held.intent();
            Triage real = engine.corrected(post.get().post(), held, intent, held.sensitive());
            Triage tagged = real.asTagged(intent, real.priority());
            Route route = listedIn(handle, postId, router.route(post.get().post(), tagged));
            Optional<String> refusal = policy.refusalInQueue(Permission.RESTORE, config.requireQueue(route.queue()), actor);
            if (refusal.isPresent()) {
                outbox.requestEphemeral(handle, actor.channel(), actor.userId(), refusal.get(), now);
                return new Outcome.Refused(refusal.get());
            }
            Case kase = opener.open(handle, postId, tagged, route, now);
            posts.setState(handle, postId, PostState.CASED);
            posts.updateCorrected(handle, postId, real);
            events.append(handle, kase.id(), actor.userId(), "restored", null, kase.snapshot(),
                    "held back as: " + held.reasons().get(0), now);
            return new Outcome.Done(kase, "Post #" + postId + " restored as case #" + kase.id() + ".");
        });
        afterChange.run();
        if (outcome instanceof Outcome.Done done) {
            clusterCorrections.restored(done.kase().id(), done.kase().intent(), committedText(postId));
        }
        return outcome;
    }

    /**
     * The words of a post whose change just committed, for the engine and the cluster index to learn from after the
     * transaction. A stored post's text never changes (an edit is a post of its own), so reading it again is exact.
     */
    private String committedText(long postId) {
        return database.withHandle(handle -> posts.find(handle, postId)).orElseThrow().post().text();
    }

    /** The queue whose digest listed a held-back post, where it still exists; otherwise where routing sends it now. */
    private Route listedIn(Handle handle, long postId, Route routed) {
        return posts.queueOf(handle, postId).filter(queue -> !queue.equals(routed.queue()))
                .filter(queue -> config.queue(queue).isPresent())
                .map(queue -> new Route(queue, routed.alsoNotify(), "restored from its digest"))
                .orElse(routed);
    }

    /**
     * A person says a post that joined the case as a repeat is another issue: it leaves the case (its card counts one
     * fewer) and opens a case of its own, routed by its own triage. Copies of it then join the new case. The person
     * needs the split permission in the old case's queue (the post was counted there); the new case goes where triage
     * routes the post, as any new case does. The old case's priority stays as it is: lowering it is a person's call.
     */
    public Outcome split(long postId, Actor actor) {
        Optional<Long> caseId = database.withHandle(handle -> clusters.caseOfRepeat(handle, postId));
        if (caseId.isEmpty()) {
            String reason = "Post #" + postId + " is not a repeat of any case any more.";
            database.useTransaction(handle -> outbox.requestEphemeral(handle, actor.channel(), actor.userId(), reason,
                    clock.instant()));
            afterChange.run();
            return new Outcome.Refused(reason);
        }
        Outcome outcome = run(caseId.get(), actor, Permission.SPLIT, (handle, kase, now) -> {
            Optional<ClusterStore.Repeat> repeat = clusters.leave(handle, kase.id(), postId);
            if (repeat.isEmpty()) {
                return new Outcome.Refused("Post #" + postId + " is not a repeat of case #" + kase.id() + " any more.");
            }
            StoredPost post = posts.find(handle, postId).orElseThrow();
            Triage triage = posts.triageOf(handle, postId).orElseThrow();
            Route route = router.route(post.post(), triage);
            Case own = opener.open(handle, postId, triage, route, now);
            posts.setState(handle, postId, PostState.CASED);
            clusters.recordSplit(handle, repeat.get(), kase.id(), own.id(), actor.userId(), now);
            events.append(handle, kase.id(), actor.userId(), "repeat_split", null, null,
                    "post #" + postId + " is now case #" + own.id(), now);
            events.append(handle, own.id(), actor.userId(), "split_off", null, own.snapshot(),
                    "was counted as a repeat of case #" + kase.id(), now);
            refreshAllCards(handle, kase, now);
            return new Outcome.Done(own, "Post #" + postId + " is now case #" + own.id() + " in "
                    + queueName(own.queue()) + "; case #" + kase.id() + " no longer counts it.");
        });
        if (outcome instanceof Outcome.Done done) {
            clusterCorrections.split(caseId.get(), done.kase().id(), done.kase().intent(), committedText(postId));
        }
        return outcome;
    }

    public Outcome resolve(long caseId, Actor actor) {
        return run(caseId, actor, Permission.RESOLVE, (handle, kase, now) -> {
            Case resolved = kase.resolved(now);
            record(handle, kase, resolved, actor, "resolved", null, now);
            refreshAllCards(handle, resolved, now);
            return new Outcome.Done(resolved, "Case #" + caseId + " resolved.");
        });
    }

    /**
     * A case moved from one queue to another: when that changes its channel, the old card says where it went and the
     * new channel's card owns it.
     */
    private void moveCards(Handle handle, long caseId, String fromQueue, String toQueue) {
        String oldChannel = channelOf(fromQueue);
        String newChannel = channelOf(toQueue);
        if (newChannel.equals(oldChannel)) return;
        cards.rerole(handle, caseId, oldChannel, CardRole.MOVED);
        cards.rerole(handle, caseId, newChannel, CardRole.OWNER);
    }

    private static List<String> keys(Set<SensitiveFlag> flags) {
        return flags.stream().map(SensitiveFlag::key).sorted().toList();
    }

    private interface Change {
        Outcome apply(Handle handle, Case kase, Instant now);
    }

    private Outcome run(long caseId, Actor actor, Permission permission, Change change) {
        return run(caseId, actor, permission, permission.name().toLowerCase(Locale.ROOT), change);
    }

    /** {@code verb} names the action in a refusal's audit entry ("retag: ...", "sensitive: ..."). */
    private Outcome run(long caseId, Actor actor, Permission permission, String verb, Change change) {
        return run(caseId, actor, permission, verb, false, change);
    }

    /** {@code evenResolved}: the action may be taken on a resolved case too. */
    private Outcome run(long caseId, Actor actor, Permission permission, String verb, boolean evenResolved,
                        Change change) {
        Outcome outcome = database.inTransaction(handle -> {
            Instant now = clock.instant();
            Optional<Case> found = cases.findForUpdate(handle, caseId);
            if (found.isEmpty()) {
                outbox.requestEphemeral(handle, actor.channel(), actor.userId(), "Case #" + caseId + " does not exist.", now);
                return new Outcome.NotFound(caseId);
            }
            Case kase = found.get();
            if (!kase.state().isOpen() && !evenResolved) {
                return refuse(handle, kase, actor, verb, "Case #" + caseId + " is already resolved.", now);
            }
            Optional<String> refusal = policy.refusal(handle, permission, kase, actor);
            if (refusal.isPresent()) return refuse(handle, kase, actor, verb, refusal.get(), now);
            Outcome result = change.apply(handle, kase, now);
            if (result instanceof Outcome.Refused refused) return refuse(handle, kase, actor, verb, refused.reason(), now);
            return result;
        });
        afterChange.run();
        return outcome;
    }

    private Outcome refuse(Handle handle, Case kase, Actor actor, String verb, String reason, Instant now) {
        events.append(handle, kase.id(), actor.userId(), "action_refused", null, null, verb + ": " + reason, now);
        outbox.requestEphemeral(handle, actor.channel(), actor.userId(), reason, now);
        return new Outcome.Refused(reason);
    }

    /**
     * A post's triage as a person corrected it (the intent and flags they set; stored as the base priority that
     * cluster growth raises), the case's priority (that raised by the cluster's growth) and where the case goes.
     */
    private record Corrected(Triage triage, Priority priority, Route route) {
    }

    private Corrected correct(Handle handle, Case kase, StoredPost post, Triage original, String intent,
                              Set<SensitiveFlag> flags) {
        Triage corrected = engine.corrected(post.post(), original, intent, flags);
        Priority priority = growth.raise(corrected.priority(), growth.posts(handle, kase.id()));
        return new Corrected(corrected, priority, router.route(post.post(), corrected.asTagged(intent, priority)));
    }

    /** How a correction moved a case: its priority, its queue, or nothing. */
    private String moves(Case before, Case after) {
        return (after.priority() == before.priority() ? "" : ", " + before.priority() + " → " + after.priority())
                + (after.queue().equals(before.queue()) ? "" : ", moved to " + queueName(after.queue()));
    }

    private void record(Handle handle, Case before, Case after, Actor actor, String action, String detail, Instant now) {
        cases.save(handle, after);
        Map<String, Object> beforeSnapshot = before.snapshot();
        Map<String, Object> afterSnapshot = after.snapshot();
        events.append(handle, after.id(), actor.userId(), action, beforeSnapshot, afterSnapshot, detail, now);
    }

    private void refreshAllCards(Handle handle, Case kase, Instant now) {
        cards.refreshAll(handle, kase.id(), now);
    }

    private String channelOf(String queueId) {
        return config.requireQueue(queueId).slackChannel();
    }

    private String queueName(String queueId) {
        return config.requireQueue(queueId).name();
    }
}
