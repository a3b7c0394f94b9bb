package org.carebot.bot.digest;

import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.outbox.Outbox;
import org.carebot.bot.store.Database;
import org.carebot.bot.store.Json;
import org.carebot.bot.store.PostState;
import org.carebot.bot.store.PostStore;
import org.carebot.bot.support.TestCarebot;
import org.carebot.triage.Author;
import org.carebot.triage.Post;
import org.carebot.triage.Priority;
import org.carebot.triage.Route;
import org.carebot.triage.Triage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which held-back posts a day's digest covers. */
class DigestSchedulerTest {

    private static final Instant DAY_ONE = Instant.parse("2026-11-24T10:00:00Z");
    private final Json json = new Json();
    private final PostStore posts = new PostStore(json);

    private void holdBack(Database database, String id, Instant at) {
        database.useTransaction(h -> {
            long postId = posts.insert(h, new Post("x", id, new Author("s" + id, "@promo", null, null, null),
                    "free crypto giveaway " + id, null, at, null), null, null, at).orElseThrow();
            posts.saveTriage(h, postId, new Triage("spam_or_scam", 1.0, Priority.P4, List.of("suppressed as spam: test"),
                    true, Set.of(), false, "en"), new Route("general", List.of(), "test"), at);
            posts.setState(h, postId, PostState.SUPPRESSED);
        });
    }

    private int sendAt(Database database, CarebotConfig config, Instant at) {
        return new DigestScheduler(database, new DigestStore(posts, json), new Outbox(json), config,
                Clock.fixed(at, ZoneOffset.UTC), () -> { }).sendDue();
    }

    @Test
    void a_digest_sent_late_covers_everything_since_the_one_before_it() throws Exception {
        CarebotConfig config = new ConfigLoader(Map.of()).load(Path.of("..", "config", "carebot.yml"));
        try (Database database = Database.open(TestCarebot.memoryDbUrl())) {
            holdBack(database, "1", DAY_ONE.minusSeconds(3600));
            assertEquals(1, sendAt(database, config, DAY_ONE));
            // The next day the service is down at the digest's hour and comes back six hours later.
            holdBack(database, "2", DAY_ONE.plusSeconds(2 * 3600));
            assertEquals(1, sendAt(database, config, DAY_ONE.plusSeconds(30 * 3600)));

            List<Map<String, Object>> payloads = database.withHandle(h -> h.createQuery(
                    "SELECT payload FROM outbox WHERE kind = 'digest' ORDER BY id").mapTo(String.class).list()).stream()
                    .map(payload -> json.readMap(payload)).toList();
            assertEquals(DAY_ONE.minusSeconds(24 * 3600).toString(), payloads.get(0).get("since"), "the first: a day");
            assertEquals(DAY_ONE.toString(), payloads.get(1).get("since"), "the second: since the first went out");
            assertEquals("30 h", payloads.get(1).get("period"));
            assertEquals(1, database.withHandle(h -> new DigestViews(new DigestStore(posts, json), config,
                    new org.carebot.triage.PersonalData(List.of(), List.of())).build(h, payloads.get(1))).lines().size(),
                    "the post held back two hours after the first digest is in the second");
        }
    }
}
