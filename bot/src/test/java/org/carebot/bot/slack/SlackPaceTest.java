package org.carebot.bot.slack;

import org.carebot.bot.cards.CardRole;
import org.carebot.bot.outbox.Deliverer;
import org.carebot.bot.outbox.Delivery;
import org.carebot.bot.store.CardStore;
import org.carebot.bot.store.CaseStore;
import org.carebot.bot.store.Database;
import org.carebot.bot.store.Json;
import org.carebot.bot.store.PostStore;
import org.carebot.bot.support.TestCarebot;
import org.carebot.triage.Author;
import org.carebot.triage.Post;
import org.carebot.triage.Priority;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Slack's pace per delivery, looked up for a whole pass of the delivery worker at once: a card already posted in
 * its channel is an update (chat.update's pace), one not yet posted takes the channel's chat.postMessage pace.
 */
class SlackPaceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void a_pass_gets_every_deliverys_pace_in_one_look() {
        try (Database database = Database.open(TestCarebot.memoryDbUrl())) {
            CardStore cards = new CardStore();
            long caseId = database.inTransaction(h -> {
                long postId = new PostStore(new Json()).insert(h, new Post("telegram", "1:1", Author.unknown(),
                        "charged twice", null, NOW, null), "1", null, NOW).orElseThrow();
                long id = new CaseStore().open(h, postId, "billing", "billing_issue", Priority.P2, NOW, NOW, NOW).id();
                cards.place(h, id, "C-BILLING", CardRole.OWNER);
                cards.setMessageTs(h, id, "C-BILLING", "1733047200.000100");
                cards.place(h, id, "C-ENGINEERING", CardRole.INCIDENT);
                return id;
            });
            SlackDeliverer slack = new SlackDeliverer(null, database, null, cards, null, null, null, null, null);
            List<Delivery> due = List.of(
                    delivery(1, Delivery.Kind.CARD, "C-BILLING", caseId),
                    delivery(2, Delivery.Kind.CARD, "C-ENGINEERING", caseId),
                    delivery(3, Delivery.Kind.DIGEST, "C-TRUST", null),
                    delivery(4, Delivery.Kind.EPHEMERAL, "C-BILLING", caseId));

            Map<Long, Optional<Deliverer.Pace>> paces = slack.paces(due);

            assertEquals(Optional.of(new Deliverer.Pace("chat.update", SlackDeliverer.UPDATE_INTERVAL)), paces.get(1L));
            assertEquals(Optional.of(new Deliverer.Pace("chat.postMessage:C-ENGINEERING", SlackDeliverer.POST_INTERVAL)),
                    paces.get(2L));
            assertEquals(Optional.of(new Deliverer.Pace("chat.postMessage:C-TRUST", SlackDeliverer.POST_INTERVAL)),
                    paces.get(3L));
            assertEquals(Optional.empty(), paces.get(4L));
            for (Delivery delivery : due) assertEquals(paces.get(delivery.id()), slack.pace(delivery), "one at a time agrees");
        }
    }

    private static Delivery delivery(long id, Delivery.Kind kind, String channel, Long caseId) {
        return new Delivery(id, kind, channel, caseId, "{}", Delivery.State.PENDING, 0, NOW, NOW);
    }
}
