package org.carebot.bot.cases;

import org.carebot.bot.cards.CardFactory;
import org.carebot.bot.store.CaseStore;
import org.carebot.bot.store.ClusterStore;
import org.carebot.bot.store.Database;
import org.carebot.bot.store.Json;
import org.carebot.bot.store.PostStore;
import org.carebot.bot.support.TestDatabases;
import org.carebot.triage.Author;
import org.carebot.triage.Duplicates;
import org.carebot.triage.Post;
import org.carebot.triage.Priority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Repeats are judged by what people saw: the latest few beside a case they resolved, and those they split off. */
class ClusterQualityTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duplicates.Match SAME_WORDS = new Duplicates.Match(Duplicates.Match.Kind.EXACT, 1.0);
    private static final Duplicates.Match SAME_ISSUE = new Duplicates.Match(Duplicates.Match.Kind.SEMANTIC, 0.91);

    private final PostStore posts = new PostStore(new Json());
    private final CaseStore cases = new CaseStore();
    private final ClusterStore clusters = new ClusterStore();
    private Database database;
    private String url;

    @AfterEach
    void close() {
        if (database != null) database.close();
        if (url != null) TestDatabases.drop(url);
    }

    private long post(org.jdbi.v3.core.Handle handle, int n) {
        return posts.insert(handle, new Post("x", "q-" + n, new Author("a" + n, "@u" + n, null, null, null),
                "the app is down " + n, null, null, null), null, null, NOW).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_resolved_flood_counts_only_the_repeats_its_card_showed(TestDatabases.Kind kind) {
        url = TestDatabases.freshUrl(kind);
        database = Database.open(url);
        database.useTransaction(handle -> {
            Case flood = cases.open(handle, post(handle, 0), "tech", "outage_report", Priority.P2, NOW, NOW, NOW);
            for (int i = 1; i <= 10; i++) {
                clusters.join(handle, flood.id(), post(handle, i), SAME_WORDS, NOW.plusSeconds(i));
            }
            cases.save(handle, flood.resolved(NOW.plusSeconds(60)));
            Case other = cases.open(handle, post(handle, 20), "tech", "outage_report", Priority.P2, NOW, NOW, NOW);
            long wrong = post(handle, 21);
            clusters.join(handle, other.id(), wrong, SAME_ISSUE, NOW.plusSeconds(5));
            ClusterStore.Repeat left = clusters.leave(handle, other.id(), wrong).orElseThrow();
            Case own = cases.open(handle, wrong, "billing", "billing_issue", Priority.P3, NOW, NOW, NOW);
            clusters.recordSplit(handle, left, other.id(), own.id(), "UAGENT001", NOW.plusSeconds(30));
        });

        ClusterQuality.Report report = new ClusterQuality(database).report();

        assertEquals(List.of(
                new ClusterQuality.Line(Duplicates.Match.Kind.EXACT, CardFactory.REPEATS_SHOWN, CardFactory.REPEATS_SHOWN),
                new ClusterQuality.Line(Duplicates.Match.Kind.SEMANTIC, 0, 1)), report.lines());
        assertEquals(CardFactory.REPEATS_SHOWN + 1, report.judged());
        assertEquals(1, report.split());
    }
}
