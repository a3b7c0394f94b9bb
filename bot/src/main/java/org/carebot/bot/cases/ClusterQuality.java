package org.carebot.bot.cases;

import org.carebot.bot.cards.CardFactory;
import org.carebot.bot.store.ClusterStore;
import org.carebot.bot.store.Database;
import org.carebot.triage.Duplicates;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How right triage was to join repeats to cases, judged by people: a repeat someone split off its case ("Not this
 * issue") was wrong; a repeat a person saw beside a case they resolved, and left there, was right. A card shows only
 * the latest {@link CardFactory#REPEATS_SHOWN} repeats, and a resolved case takes no more, so those are its judged
 * ones: counting all 300 of a flood as right would push every figure towards 100%. Per kind of match, so that an
 * operator can see whether the near-repeat distance or the same-issue similarity in config lets too much through.
 */
public final class ClusterQuality {

    /** One kind of match: how many of its judged joins were right, of how many. */
    public record Line(Duplicates.Match.Kind kind, int right, int judged) {
        public double precision() {
            return judged == 0 ? 0 : (double) right / judged;
        }
    }

    public record Report(List<Line> lines, int judged, int split) {
    }

    private final Database database;

    public ClusterQuality(Database database) {
        this.database = database;
    }

    public Report report() {
        return database.withHandle(handle -> {
            Map<Duplicates.Match.Kind, Integer> kept = countByKind(handle, """
                    SELECT how, COUNT(*) AS joins FROM (
                        SELECT cp.how, ROW_NUMBER() OVER (PARTITION BY cp.case_id
                                                          ORDER BY cp.joined_at DESC, cp.post_id DESC) AS latest
                        FROM case_posts cp JOIN cases c ON c.id = cp.case_id WHERE c.state = 'resolved'
                    ) shown WHERE latest <= """ + CardFactory.REPEATS_SHOWN + " GROUP BY how");
            Map<Duplicates.Match.Kind, Integer> split = countByKind(handle,
                    "SELECT how, COUNT(*) AS joins FROM repeat_splits GROUP BY how");
            List<Line> lines = new ArrayList<>();
            for (Duplicates.Match.Kind kind : Duplicates.Match.Kind.values()) {
                int right = kept.getOrDefault(kind, 0);
                int wrong = split.getOrDefault(kind, 0);
                if (right + wrong > 0) lines.add(new Line(kind, right, right + wrong));
            }
            int splits = split.values().stream().mapToInt(Integer::intValue).sum();
            return new Report(List.copyOf(lines), lines.stream().mapToInt(Line::judged).sum(), splits);
        });
    }

    private static Map<Duplicates.Match.Kind, Integer> countByKind(Handle handle, String sql) {
        Map<Duplicates.Match.Kind, Integer> counts = new EnumMap<>(Duplicates.Match.Kind.class);
        handle.createQuery(sql).map((rs, ctx) -> Map.entry(
                        ClusterStore.kind(rs.getString("how")), rs.getInt("joins")))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }
}
