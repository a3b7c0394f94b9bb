package org.carebot.bot.cases;

import org.carebot.bot.store.Database;
import org.carebot.bot.store.PostStore;
import org.carebot.triage.SensitiveFlag;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How right the sensitive-content gate was, judged by people: every case whose flags a person corrected from its card
 * (a flag added was missed, a flag cleared was wrong) or that was resolved with its flags as they were (right). Per
 * flag: precision and recall of triage's flags against the flags the case ended with.
 */
public final class FlagQuality {

    /** One flag's figures; {@code judged} is how many judged cases ended with this flag. */
    public record Line(SensitiveFlag flag, double precision, double recall, int judged) {
    }

    public record Report(List<Line> lines, int judged, int corrected) {
    }

    /** What triage said and what the case ended with. */
    private record Judged(Set<SensitiveFlag> predicted, Set<SensitiveFlag> actual) {
    }

    /** A person's word on one flag of one post, in the order given. */
    private record Label(long postId, SensitiveFlag flag, boolean sensitive) {
    }

    private final Database database;

    public FlagQuality(Database database) {
        this.database = database;
    }

    public Report report() {
        List<Judged> judged = database.withHandle(FlagQuality::judged);
        List<Line> lines = new ArrayList<>();
        for (SensitiveFlag flag : SensitiveFlag.values()) {
            if (judged.stream().noneMatch(j -> j.predicted().contains(flag) || j.actual().contains(flag))) continue;
            Agreement agreement = Agreement.of(judged, j -> j.predicted().contains(flag), j -> j.actual().contains(flag));
            lines.add(new Line(flag, agreement.precision(), agreement.recall(), agreement.actual()));
        }
        int corrected = (int) judged.stream().filter(j -> !j.predicted().equals(j.actual())).count();
        return new Report(List.copyOf(lines), judged.size(), corrected);
    }

    private static List<Judged> judged(Handle handle) {
        Map<Long, List<Label>> labels = new HashMap<>();
        handle.createQuery("SELECT post_id, flag, sensitive FROM sensitive_labels ORDER BY id")
                .map((rs, ctx) -> new Label(rs.getLong("post_id"), SensitiveFlag.parse(rs.getString("flag")),
                        rs.getBoolean("sensitive")))
                .forEach(label -> labels.computeIfAbsent(label.postId(), id -> new ArrayList<>()).add(label));
        return handle.createQuery("""
                        SELECT c.post_id, t.sensitive FROM cases c JOIN triages t ON t.post_id = c.post_id
                        WHERE c.state = 'resolved'
                           OR EXISTS (SELECT 1 FROM sensitive_labels l WHERE l.post_id = c.post_id)
                        """)
                .map((rs, ctx) -> {
                    Set<SensitiveFlag> actual = PostStore.parseFlags(rs.getString("sensitive"));
                    return new Judged(asTriaged(actual, labels.getOrDefault(rs.getLong("post_id"), List.of())), actual);
                })
                .list();
    }

    /** The flags before people's corrections: each label undone, newest first. */
    private static Set<SensitiveFlag> asTriaged(Set<SensitiveFlag> now, List<Label> labels) {
        Set<SensitiveFlag> flags = now.isEmpty() ? EnumSet.noneOf(SensitiveFlag.class) : EnumSet.copyOf(now);
        for (int i = labels.size() - 1; i >= 0; i--) {
            if (labels.get(i).sensitive()) flags.remove(labels.get(i).flag());
            else flags.add(labels.get(i).flag());
        }
        return flags;
    }
}
