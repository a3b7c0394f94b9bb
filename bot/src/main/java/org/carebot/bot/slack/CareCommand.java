package org.carebot.bot.slack;

import org.carebot.bot.cases.Case;
import org.carebot.bot.cases.ClusterQuality;
import org.carebot.bot.cases.QueueStats;
import org.carebot.bot.cases.FlagQuality;
import org.carebot.bot.cases.RetagQuality;
import org.carebot.triage.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The text answers of {@code /care}: {@code stats}, {@code quality} and {@code help}. */
public final class CareCommand {

    static final String HELP = """
            *Carebot* commands:
            • `/care stats`: open cases per queue and priority, the oldest waiting case, cases opened in the last 24 h
            • `/care quality`: how right triage's intents, sensitive flags and repeats were, judged by your retags, \
            your *Sensitive?* corrections, the repeats you split off and your resolutions
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

    public CareCommand(QueueStats stats, RetagQuality quality, FlagQuality flagQuality, ClusterQuality clusterQuality) {
        this.stats = stats;
        this.quality = quality;
        this.flagQuality = flagQuality;
        this.clusterQuality = clusterQuality;
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
