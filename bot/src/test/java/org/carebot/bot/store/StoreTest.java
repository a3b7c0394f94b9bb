package org.carebot.bot.store;

import org.carebot.bot.cases.Case;
import org.carebot.bot.cases.CaseState;
import org.carebot.bot.cards.CardRole;
import org.carebot.bot.outbox.Delivery;
import org.carebot.bot.outbox.Outbox;
import org.carebot.bot.support.TestDatabases;
import org.carebot.triage.Author;
import org.carebot.triage.Post;
import org.carebot.triage.Priority;
import org.carebot.triage.Route;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.Triage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store on every database Carebot supports, from the same migrations. */
class StoreTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final Json json = new Json();
    private final PostStore posts = new PostStore(json);
    private final CaseStore cases = new CaseStore();
    private final EventLog events = new EventLog(json);
    private final CardStore cards = new CardStore();
    private final Outbox outbox = new Outbox(json);
    private Database database;
    private String url;

    private Database open(TestDatabases.Kind kind) {
        url = TestDatabases.freshUrl(kind);
        database = Database.open(url);
        return database;
    }

    @AfterEach
    void close() {
        if (database != null) database.close();
        if (url != null) TestDatabases.drop(url);
    }

    private static Post post(String id, String text) {
        return new Post("telegram", id, new Author("42", "@dana", "Dana", 1500L, true), text,
                "https://t.me/c/" + id, NOW.minusSeconds(5), "-100123");
    }

    private static Triage triage() {
        return new Triage("billing_issue", 0.67, Priority.P2, List.of("billing_issue (+2)", "personal data (+2)"),
                false, Set.of(SensitiveFlag.PERSONAL_DATA), true, "en");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_case_opened_from_an_old_post_takes_repeats_after_a_restart(TestDatabases.Kind kind) {
        open(kind);
        ClusterStore clusters = new ClusterStore();
        Instant opened = NOW.plus(java.time.Duration.ofMinutes(45));
        database.useTransaction(h -> {
            long original = posts.insert(h, post("1:30", "export to PDF does nothing"), null, null, NOW).orElseThrow();
            long repeat = posts.insert(h, post("1:31", "export to PDF crashes the app"), null, null, NOW).orElseThrow();
            cases.open(h, original, "tech", "bug_report", Priority.P3, NOW, NOW, NOW);
            // A person split the repeat off 45 minutes after it came: its case opens then.
            cases.open(h, repeat, "tech", "bug_report", Priority.P3, opened, opened, opened);
        });

        List<ClusterStore.Member> members = database.withHandle(h -> clusters.openMembersSince(h, opened.minusSeconds(60)));

        assertEquals(List.of("export to PDF crashes the app"), members.stream().map(ClusterStore.Member::text).toList());
        assertEquals(opened, members.get(0).at());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_post_is_stored_once_per_platform_key_and_reads_back_whole(TestDatabases.Kind kind) {
        open(kind);
        Optional<Long> first = database.inTransaction(h -> posts.insert(h, post("1:10", "charged twice"), "500", null, NOW));
        Optional<Long> again = database.inTransaction(h -> posts.insert(h, post("1:10", "charged twice"), "501", null, NOW));

        assertTrue(first.isPresent());
        assertTrue(again.isEmpty());
        StoredPost stored = database.withHandle(h -> posts.find(h, first.get())).orElseThrow();
        assertEquals(post("1:10", "charged twice"), stored.post());
        assertEquals("500", stored.deliveryId());
        assertEquals(PostState.NEW, stored.state());
        boolean seenInTheLastWeek = database.withHandle(h -> posts.deliverySeen(h, "telegram", "500",
                NOW.minus(Duration.ofDays(7))));
        boolean seenLater = database.withHandle(h -> posts.deliverySeen(h, "telegram", "500", NOW.plusSeconds(1)));
        assertTrue(seenInTheLastWeek);
        assertFalse(seenLater);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_post_with_nul_characters_is_stored_without_them(TestDatabases.Kind kind) {
        open(kind);
        Post withNul = new Post("telegram", "1:\u000011", new Author("42", "@da\u0000na", "Da\u0000na", 1500L, true),
                "charged\u0000 twice", null, NOW, null);

        Optional<Long> id = database.inTransaction(h -> posts.insert(h, withNul, "7\u00007", null, NOW));
        Optional<Long> again = database.inTransaction(h -> posts.insert(h, withNul, "7\u00007", null, NOW));

        StoredPost stored = database.withHandle(h -> posts.find(h, id.orElseThrow())).orElseThrow();
        assertEquals("charged twice", stored.post().text());
        assertEquals("@dana", stored.post().author().handle());
        assertEquals("1:11", stored.post().platformId());
        assertTrue(again.isEmpty(), "the same post again is a duplicate, as its clean key says");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void new_posts_are_claimed_once_in_order_and_interrupted_ones_come_back(TestDatabases.Kind kind) {
        open(kind);
        database.useTransaction(h -> {
            posts.insert(h, post("1:1", "one"), null, null, NOW);
            posts.insert(h, post("1:2", "two"), null, null, NOW);
        });

        List<StoredPost> claimed = database.inTransaction(h -> posts.claimNew(h, 10));
        List<StoredPost> none = database.inTransaction(h -> posts.claimNew(h, 10));
        int requeued = database.withHandle(posts::requeueInterrupted);

        assertEquals(List.of("one", "two"), claimed.stream().map(p -> p.post().text()).toList());
        assertEquals(List.of(), none);
        assertEquals(2, requeued);
        int waiting = database.withHandle(h -> posts.countByState(h, PostState.NEW));
        assertEquals(2, waiting);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_released_claim_waits_again_and_nothing_else_moves(TestDatabases.Kind kind) {
        open(kind);
        database.useTransaction(h -> {
            posts.insert(h, post("1:4", "four"), null, null, NOW);
            posts.insert(h, post("1:5", "five"), null, null, NOW);
        });
        List<StoredPost> claimed = database.inTransaction(h -> posts.claimNew(h, 10));

        database.useTransaction(h -> posts.requeue(h, List.of(claimed.get(1).id())));

        List<StoredPost> again = database.inTransaction(h -> posts.claimNew(h, 10));
        assertEquals(List.of("five"), again.stream().map(p -> p.post().text()).toList());
        int triaging = database.withHandle(h -> posts.countByState(h, PostState.TRIAGING));
        assertEquals(2, triaging);
        int waiting = database.withHandle(h -> posts.countByState(h, PostState.NEW, PostState.TRIAGING));
        assertEquals(2, waiting);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void triage_results_round_trip(TestDatabases.Kind kind) {
        open(kind);
        long postId = database.inTransaction(h -> posts.insert(h, post("1:3", "x"), null, null, NOW)).orElseThrow();
        database.useTransaction(h -> posts.saveTriage(h, postId, triage(), new Route("billing", List.of(), "billing"), NOW));

        assertEquals(Optional.of(triage()), database.withHandle(h -> posts.triageOf(h, postId)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void case_events_form_a_hash_chain_that_shows_tampering(TestDatabases.Kind kind) {
        open(kind);
        long postId = database.inTransaction(h -> posts.insert(h, post("1:4", "x"), null, null, NOW)).orElseThrow();
        Case opened = database.inTransaction(h -> cases.open(h, postId, "billing", "billing_issue", Priority.P2, NOW,
                NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(2))));
        database.useTransaction(h -> {
            events.append(h, opened.id(), "system", "case_opened", null, opened.snapshot(), "rule: billing", NOW);
            Case claimed = cases.findForUpdate(h, opened.id()).orElseThrow().claimedBy("U1", NOW.plusSeconds(60));
            cases.save(h, claimed);
            events.append(h, opened.id(), "U1", "claimed", opened.snapshot(), claimed.snapshot(), null, NOW.plusSeconds(60));
        });

        Case reloaded = database.withHandle(h -> cases.find(h, opened.id())).orElseThrow();
        assertEquals(CaseState.CLAIMED, reloaded.state());
        assertEquals("U1", reloaded.assignee());
        assertEquals(NOW.plus(Duration.ofHours(2)), reloaded.firstResponseDue().truncatedTo(ChronoUnit.MILLIS));
        var history = database.withHandle(h -> events.list(h, opened.id()));
        assertEquals(List.of("case_opened", "claimed"), history.stream().map(e -> e.action()).toList());
        assertEquals(history.get(0).hash(), history.get(1).prevHash());
        boolean intact = database.withHandle(h -> events.verifyChain(h, opened.id()));
        assertTrue(intact);

        database.useTransaction(h -> h.execute("UPDATE case_events SET actor = 'U2' WHERE action = 'claimed'"));
        boolean intactAfterTampering = database.withHandle(h -> events.verifyChain(h, opened.id()));
        assertFalse(intactAfterTampering);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void cases_list_by_queue_state_and_priority(TestDatabases.Kind kind) {
        open(kind);
        database.useTransaction(h -> {
            long a = posts.insert(h, post("1:5", "a"), null, null, NOW).orElseThrow();
            long b = posts.insert(h, post("1:6", "b"), null, null, NOW).orElseThrow();
            cases.open(h, a, "billing", "billing_issue", Priority.P2, NOW, NOW, NOW);
            Case other = cases.open(h, b, "tech", "bug_report", Priority.P3, NOW, NOW, NOW);
            cases.save(h, other.resolved(NOW));
        });

        assertEquals(1, database.withHandle(h -> cases.list(h, new CaseStore.Filter("billing", null, null, 10))).size());
        assertEquals(1, database.withHandle(h -> cases.list(h, new CaseStore.Filter(null, CaseState.RESOLVED, null, 10))).size());
        assertEquals(0, database.withHandle(h -> cases.list(h, new CaseStore.Filter(null, null, Priority.P1, 10))).size());
        assertEquals(1, database.withHandle(cases::openCases).size());
        int openedSince = database.withHandle(h -> cases.countOpenedSince(h, NOW.minusSeconds(1)));
        assertEquals(2, openedSince);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void pending_card_requests_merge_and_interrupted_sends_are_resumed(TestDatabases.Kind kind) {
        open(kind);
        long caseId = database.inTransaction(h -> {
            long postId = posts.insert(h, post("1:7", "x"), null, null, NOW).orElseThrow();
            Case kase = cases.open(h, postId, "billing", "billing_issue", Priority.P2, NOW, NOW, NOW);
            cards.place(h, kase.id(), "C1", CardRole.OWNER);
            return kase.id();
        });

        boolean first = database.inTransaction(h -> outbox.requestCard(h, caseId, "C1", NOW));
        boolean merged = database.inTransaction(h -> outbox.requestCard(h, caseId, "C1", NOW.plusSeconds(1)));
        List<Delivery> due = database.withHandle(h -> outbox.due(h, NOW.plusSeconds(2), 10));
        boolean claimed = database.withHandle(h -> outbox.claim(h, due.get(0).id()));
        boolean claimedTwice = database.withHandle(h -> outbox.claim(h, due.get(0).id()));
        boolean afterClaim = database.inTransaction(h -> outbox.requestCard(h, caseId, "C1", NOW.plusSeconds(3)));
        int resumed = database.withHandle(outbox::requeueInterrupted);

        assertTrue(first);
        assertFalse(merged, "a second request while one is pending adds nothing");
        assertEquals(1, due.size());
        assertTrue(claimed);
        assertFalse(claimedTwice);
        assertTrue(afterClaim, "once the pending one is being sent, a new change needs a new delivery");
        assertEquals(1, resumed);
        int pending = database.withHandle(h -> outbox.countByState(h, Delivery.State.PENDING));
        assertEquals(2, pending);
        assertEquals(Duration.ofSeconds(10), database.withHandle(h -> outbox.oldestPendingAge(h, NOW.plusSeconds(10))));

        database.useTransaction(h -> outbox.requestEphemeral(h, "C1", "U9", "No.", NOW));
        Delivery ephemeral = database.withHandle(h -> outbox.due(h, NOW.plusSeconds(5), 10)).stream()
                .filter(d -> d.kind() == Delivery.Kind.EPHEMERAL).findFirst().orElseThrow();
        assertEquals(Map.of("user", "U9", "text", "No."), outbox.ephemeralPayload(ephemeral));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void card_placements_remember_their_role_and_message(TestDatabases.Kind kind) {
        open(kind);
        long caseId = database.inTransaction(h -> {
            long postId = posts.insert(h, post("1:8", "x"), null, null, NOW).orElseThrow();
            return cases.open(h, postId, "billing", "billing_issue", Priority.P2, NOW, NOW, NOW).id();
        });

        boolean placed = database.inTransaction(h -> cards.place(h, caseId, "C1", CardRole.OWNER));
        database.useTransaction(h -> cards.setMessageTs(h, caseId, "C1", "1700000000.000100"));
        boolean replaced = database.inTransaction(h -> cards.place(h, caseId, "C1", CardRole.MOVED));

        assertTrue(placed);
        assertFalse(replaced);
        var card = database.withHandle(h -> cards.find(h, caseId, "C1")).orElseThrow();
        assertEquals(CardRole.MOVED, card.role());
        assertEquals("1700000000.000100", card.messageTs());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_batch_asks_once_which_posters_are_blocked_per_platform(TestDatabases.Kind kind) {
        open(kind);
        BlockedAuthors blocked = new BlockedAuthors();
        Author dana = new Author("42", "@dana", "Dana", 1500L, true);
        Author handleOnly = new Author(null, "@Spammer", null, null, null);
        database.useTransaction(h -> {
            long postId = posts.insert(h, post("1:30", "buy followers"), "530", null, NOW).orElseThrow();
            long caseId = cases.open(h, postId, "trust", "spam_or_scam", Priority.P4, NOW, NOW, NOW).id();
            blocked.block(h, "telegram", dana, "U1", caseId, NOW);
            blocked.block(h, "x", handleOnly, "U1", caseId, NOW);
        });
        BlockedAuthors.Poster danaOnTelegram = new BlockedAuthors.Poster("telegram", dana);
        BlockedAuthors.Poster danaOnX = new BlockedAuthors.Poster("x", dana);
        BlockedAuthors.Poster spammerOnX = new BlockedAuthors.Poster("x", new Author(null, "@spammer", "S", null, null));
        BlockedAuthors.Poster spammerWithoutSign = new BlockedAuthors.Poster("x", new Author(null, "SPAMMER", null, null, null));
        BlockedAuthors.Poster someone = new BlockedAuthors.Poster("telegram", new Author("43", "@sam", "Sam", null, null));
        BlockedAuthors.Poster nobody = new BlockedAuthors.Poster("telegram", Author.unknown());

        Set<BlockedAuthors.Poster> answer = database.withHandle(h -> blocked.blockedAmong(h,
                List.of(danaOnTelegram, danaOnX, spammerOnX, spammerWithoutSign, someone, nobody)));

        assertEquals(Set.of(danaOnTelegram, spammerOnX, spammerWithoutSign), answer);
        assertEquals(Set.of(), database.withHandle(h -> blocked.blockedAmong(h, List.of(nobody))));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_handle_only_authors_open_cases_are_found_however_the_handle_is_written(TestDatabases.Kind kind) {
        open(kind);
        BlockedAuthors blocked = new BlockedAuthors();
        long caseId = database.inTransaction(h -> {
            Post byHandle = new Post("x", "1861", new Author(null, "@Dana_K", null, null, null), "still broken",
                    null, NOW, null);
            long postId = posts.insert(h, byHandle, null, null, NOW).orElseThrow();
            return cases.open(h, postId, "tech", "bug_report", Priority.P3, NOW, NOW, NOW).id();
        });

        for (String written : List.of("@Dana_K", "dana_k", "@DANA_K")) {
            assertEquals(List.of(caseId), database.withHandle(h -> blocked.openCasesOf(h, "x",
                    new Author(null, written, null, null, null))), written);
        }
    }
}
