package org.carebot.bot.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.carebot.bot.store.Database;
import org.carebot.bot.store.Json;
import org.carebot.bot.support.TestDatabases;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two calls to one channel leave at least the pace apart, even when preparing the first one took a while. */
class DeliveryPaceTest {

    /** Takes 400 ms to build the first card before its request leaves, as a loaded machine did in the storm replay. */
    private static final class SlowDeliverer implements Deliverer {
        final List<Instant> requestsLeft = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Optional<Pace> pace(Delivery delivery) {
            return Optional.of(new Pace("chat.postMessage:" + delivery.channel(), Duration.ofSeconds(1)));
        }

        @Override
        public DeliveryResult deliver(Delivery delivery) {
            try {
                if (requestsLeft.isEmpty()) Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            requestsLeft.add(Instant.now());
            return new DeliveryResult.Sent();
        }
    }

    @Test
    void the_pace_counts_from_the_end_of_the_previous_call() throws Exception {
        try (Database database = Database.open(TestDatabases.freshUrl(TestDatabases.Kind.H2))) {
            Outbox outbox = new Outbox(new Json());
            database.useTransaction(h -> {
                outbox.requestCard(h, 1, "C-BILLING", Instant.now());
                outbox.requestCard(h, 2, "C-BILLING", Instant.now());
            });
            SlowDeliverer slack = new SlowDeliverer();
            try (DeliveryWorker worker = new DeliveryWorker(database, outbox, slack, Clock.systemUTC(),
                    new SimpleMeterRegistry())) {
                worker.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> slack.requestsLeft.size() == 2);
            }

            assertEquals(2, slack.requestsLeft.size());
            Duration apart = Duration.between(slack.requestsLeft.get(0), slack.requestsLeft.get(1));
            assertTrue(apart.compareTo(Duration.ofSeconds(1)) >= 0, "two calls to one channel " + apart.toMillis() + " ms apart");
        }
    }
}
