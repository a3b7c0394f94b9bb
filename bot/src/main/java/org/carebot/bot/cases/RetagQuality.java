package org.carebot.bot.cases;

import org.carebot.bot.store.Database;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How right triage's intents were, judged by people: every case a person retagged (triage was wrong, unless retagged
 * back) or resolved as it was (triage was right). Per intent: precision and recall of triage against the final intent.
 */
public final class RetagQuality {

    /** One intent's figures; {@code judged} is how many judged cases had this final intent. */
    public record Line(String intent, double precision, double recall, int judged) {
    }

    public record Report(List<Line> lines, int judged, int retagged) {
    }

    private record Judged(String predicted, String actual) {
    }

    private final Database database;

    public RetagQuality(Database database) {
        this.database = database;
    }

    public Report report() {
        List<Judged> judged = database.withHandle(RetagQuality::judged);
        TreeSet<String> intents = new TreeSet<>();
        judged.forEach(j -> {
            intents.add(j.predicted());
            intents.add(j.actual());
        });
        Map<String, Line> lines = new TreeMap<>();
        for (String intent : intents) {
            Agreement agreement = Agreement.of(judged, j -> j.predicted().equals(intent), j -> j.actual().equals(intent));
            lines.put(intent, new Line(intent, agreement.precision(), agreement.recall(), agreement.actual()));
        }
        int retagged = (int) judged.stream().filter(j -> !j.predicted().equals(j.actual())).count();
        return new Report(List.copyOf(lines.values()), judged.size(), retagged);
    }

    private static List<Judged> judged(Handle handle) {
        return handle.createQuery("""
                        SELECT t.intent AS predicted, c.intent AS actual FROM cases c JOIN triages t ON t.post_id = c.post_id
                        WHERE c.state = 'resolved'
                           OR EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.action = 'retagged')
                        """)
                .map((rs, ctx) -> new Judged(rs.getString("predicted"), rs.getString("actual")))
                .list();
    }
}
