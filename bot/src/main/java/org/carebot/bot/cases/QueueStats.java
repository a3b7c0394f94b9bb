package org.carebot.bot.cases;

import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.store.CaseStore;
import org.carebot.bot.store.Database;
import org.carebot.triage.Priority;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Live queue figures for {@code /care stats}: open cases per queue and priority, the oldest waiting, the last 24 h. */
public final class QueueStats {

    public record QueueLine(String queueId, String name, int open, Map<Priority, Integer> openByPriority,
                            Optional<Case> oldestWaiting) {
    }

    public record Snapshot(List<QueueLine> queues, Map<Priority, Integer> openByPriority, int open,
                           Optional<Case> oldestWaiting, int openedLast24h, Instant at) {
    }

    private final Database database;
    private final CaseStore cases;
    private final CarebotConfig config;
    private final Clock clock;

    public QueueStats(Database database, CaseStore cases, CarebotConfig config, Clock clock) {
        this.database = database;
        this.cases = cases;
        this.config = config;
        this.clock = clock;
    }

    public Snapshot snapshot() {
        Instant now = clock.instant();
        return database.withHandle(handle -> {
            List<Case> open = cases.openCases(handle);
            List<QueueLine> lines = new ArrayList<>();
            for (CarebotConfig.QueueConfig queue : config.queues()) {
                List<Case> inQueue = open.stream().filter(c -> c.queue().equals(queue.id())).toList();
                lines.add(new QueueLine(queue.id(), queue.name(), inQueue.size(), byPriority(inQueue),
                        oldestWaiting(inQueue)));
            }
            return new Snapshot(lines, byPriority(open), open.size(), oldestWaiting(open),
                    cases.countOpenedSince(handle, now.minus(Duration.ofHours(24))), now);
        });
    }

    /** The oldest case nobody has claimed yet (open cases come oldest first). */
    private static Optional<Case> oldestWaiting(List<Case> open) {
        return open.stream().filter(c -> c.state() == CaseState.OPEN).findFirst();
    }

    private static Map<Priority, Integer> byPriority(List<Case> open) {
        Map<Priority, Integer> counts = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) counts.put(priority, 0);
        open.forEach(c -> counts.merge(c.priority(), 1, Integer::sum));
        return counts;
    }
}
