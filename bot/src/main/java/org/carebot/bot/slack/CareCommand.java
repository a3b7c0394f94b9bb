package org.carebot.bot.slack;

import org.carebot.bot.cases.Case;
import org.carebot.bot.cases.ClusterQuality;
import org.carebot.bot.cases.QueueStats;
import org.carebot.bot.cases.FlagQuality;
import org.carebot.bot.cases.RetagQuality;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.digest.Digest;
import org.carebot.bot.digest.DigestViews;
import org.carebot.bot.store.Database;
import org.carebot.triage.Priority;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The answers of {@code /care}: {@code stats}, {@code quality} and {@code help} in text; {@code held}, a page of the
 * channel's queue's held-back posts with Restore buttons.
 */
public final class CareCommand {

    static final String HELP = """
            *Carebot* commands:
            • `/care stats`: open cases per queue and priority, the oldest waiting case, cases opened in the last 24 h
            • `/care quality`: how right triage's intents, sensitive flags and repeats were, judged by your retags, \
            your *Sensitive?* corrections, the repeats you split off and your resolutions
            • `/care held [page]`, in a queue's channel: the posts held back there in the last 7 days, 25 at a time, \
            each with a Restore button
            • `/care help`: this list
            On a case card: *Claim* takes it, *Retag* corrects the intent (and moves it to that intent's queue), \
            *Sensitive?* adds a missed flag or clears a wrong one (Carebot learns from both), \
            *Escalate* sends it to comms, legal, trust and safety or engineering, *Resolve* closes it, \
            *Block author* stops the author's posts opening cases (*Unblock author* lets them again), and \
            *Not this issue* beside a repeat makes that post a case of its own.""";

    private final QueueStats stats;
    private final RetagQuality quality;
    private final FlagQuality flagQuality;
    private final ClusterQuality clusterQuality;
    private final HeldPosts held;

    /** Pages of held-back posts: the store, and which queue a channel is. */
    public record HeldPosts(Database database, DigestViews views, CarebotConfig config, Clock clock) {
    }

    public CareCommand(QueueStats stats, RetagQuality quality, FlagQuality flagQuality, ClusterQuality clusterQuality,
                       HeldPosts held) {
        this.stats = stats;
        this.quality = quality;
        this.flagQuality = flagQuality;
        this.clusterQuality = clusterQuality;
        this.held = held;
    }

    /** Whether the command asks for held-back posts, which are answered with buttons rather than text. */
    static boolean asksForHeld(String text) {
        return text != null && text.trim().toLowerCase(Locale.ROOT).matches("held(\\s.*)?");
    }

    /** A page of the posts held back in the queue whose channel this is, or why there is none. */
    public HeldAnswer held(String channel, String text) {
        String argument = text.trim().substring("held".length()).trim();
        if (!argument.isEmpty() && !argument.matches("[1-9]\\d{0,3}")) {
            return new HeldAnswer(Optional.empty(), "`/care held " + SlackCards.escape(argument)
                    + "`: the page is a number from 1, as in `/care held 2`.");
        }
        int page = argument.isEmpty() ? 1 : Integer.parseInt(argument);
        Optional<CarebotConfig.QueueConfig> queue = held.config().queues().stream()
                .filter(q -> q.slackChannel().equals(channel)).findFirst();
        if (queue.isEmpty()) {
            return new HeldAnswer(Optional.empty(), "`/care held` lists a queue's held-back posts in that queue's own "
                    + "channel: run it there.");
        }
        Digest digest = held.database().withHandle(h -> held.views().held(h, queue.get().id(), held.clock().instant(),
                page));
        if (digest.lines().isEmpty()) {
            return new HeldAnswer(Optional.empty(), digest.total() == 0
                    ? "Nothing was held back for " + SlackCards.escape(digest.queueName()) + " in the last "
                    + digest.period() + "."
                    : "Page " + page + " is past the last: " + digest.total() + " posts were held back for "
                    + SlackCards.escape(digest.queueName()) + " in the last " + digest.period() + ".");
        }
        return new HeldAnswer(Optional.of(digest), digest.summary());
    }

    /** A page to show with buttons, with its plain text; or, without a page, only the text. */
    public record HeldAnswer(Optional<Digest> page, String text) {
    }

    public String answer(String text) {
        String subcommand = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (subcommand) {
            case "stats" -> stats();
            case "quality" -> quality();
            case "", "help" -> HELP;
            default -> "I don't know `/care " + SlackCards.escape(text.trim()) + "`.\n" + HELP;
        };
    }

    private String stats() {
        QueueStats.Snapshot snapshot = stats.snapshot();
        StringBuilder out = new StringBuilder("*Open cases: ").append(snapshot.open()).append("* (")
                .append(priorities(snapshot.openByPriority())).append(")\n");
        for (QueueStats.QueueLine line : snapshot.queues()) {
            out.append("• *").append(SlackCards.escape(line.name())).append("*: ").append(line.open()).append(" open");
            if (line.open() > 0) out.append(" (").append(priorities(line.openByPriority())).append(")");
            line.oldestWaiting().ifPresent(c -> out.append(", oldest waiting ").append(waiting(c, snapshot.at())));
            out.append('\n');
        }
        snapshot.oldestWaiting().ifPresent(c -> out.append("Oldest waiting overall: ").append(waiting(c, snapshot.at()))
                .append('\n'));
        out.append("Opened in the last 24 h: ").append(snapshot.openedLast24h());
        return out.toString();
    }

    private String quality() {
        RetagQuality.Report report = quality.report();
        FlagQuality.Report flags = flagQuality.report();
        ClusterQuality.Report repeats = clusterQuality.report();
        if (report.judged() == 0 && flags.judged() == 0 && repeats.judged() == 0) {
            return "No case has been retagged, flagged, split or resolved yet: nothing to judge triage by.";
        }
        StringBuilder out = new StringBuilder("*Triage quality, judged by people*\n");
        if (report.judged() > 0) {
            out.append("*Intents* (").append(report.judged()).append(" cases, ").append(report.retagged())
                    .append(" retagged)\n");
        }
        for (RetagQuality.Line line : report.lines()) {
            out.append(qualityLine(SlackCards.escape(line.intent()), line.precision(), line.recall(), line.judged()));
        }
        if (!flags.lines().isEmpty()) {
            out.append("*Sensitive flags* (").append(flags.judged()).append(" cases, ").append(flags.corrected())
                    .append(" corrected on their cards)\n");
            for (FlagQuality.Line line : flags.lines()) {
                out.append(qualityLine(line.flag().key(), line.precision(), line.recall(), line.judged()));
            }
        }
        if (!repeats.lines().isEmpty()) {
            out.append("*Repeats joined to cases* (").append(repeats.judged()).append(" judged, ").append(repeats.split())
                    .append(" split off as another issue)\n");
            for (ClusterQuality.Line line : repeats.lines()) {
                out.append(String.format(Locale.ROOT, "• *%s*: precision %.0f%% (%d judged)%n", line.kind().label(),
                        line.precision() * 100, line.judged()));
            }
        }
        return out.toString().stripTrailing();
    }

    private static String priorities(Map<Priority, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String waiting(Case kase, Instant now) {
        return "#" + kase.id() + " (" + kase.priority() + ", " + age(Duration.between(kase.openedAt(), now)) + ")";
    }

    static String age(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes < 1) return "under a minute";
        if (minutes < 60) return minutes + " min";
        if (minutes < 48 * 60) return (minutes / 60) + " h " + (minutes % 60) + " min";
        return (minutes / (24 * 60)) + " days";
    }

    private static String qualityLine(String label, double precision, double recall, int cases) {
        return String.format(java.util.Locale.ROOT, "• *%s*: precision %.0f%%, recall %.0f%% (%d cases)%n", label,
                precision * 100, recall * 100, cases);
    }
}
