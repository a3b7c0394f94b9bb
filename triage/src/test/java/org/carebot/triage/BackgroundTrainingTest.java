package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackgroundTrainingTest {

    /** Examples added while a round runs are learned by one more round, started without anyone asking again. */
    @Test
    void examplesAddedDuringARoundStartTheNextRound() throws Exception {
        AtomicInteger examples = new AtomicInteger(1);
        AtomicInteger learned = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch firstRoundStarted = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        try (BackgroundTraining training = new BackgroundTraining("test", () -> {
            int seen = examples.get();
            if (rounds.incrementAndGet() == 1) {
                firstRoundStarted.countDown();
                await(mayFinish);
            }
            learned.set(seen);
        }, () -> learned.get() != examples.get())) {
            training.request();
            assertTrue(firstRoundStarted.await(5, TimeUnit.SECONDS));
            examples.incrementAndGet();
            training.request(); // refused: a round is running
            assertFalse(training.idle());
            mayFinish.countDown();

            awaitIdle(training);
            assertEquals(2, rounds.get());
            assertEquals(2, learned.get());
        }
    }

    /**
     * A failing round leaves the old model answering and is not retried in a loop: requests are ignored for a while
     * (the intent model asks at every post while it is behind), then the next one tries again.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aFailedRoundIsRetriedOnlyAfterAQuietSpell(boolean anError) throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch failed = new CountDownLatch(1);
        try (BackgroundTraining training = new BackgroundTraining("test", () -> {
            rounds.incrementAndGet();
            failed.countDown();
            if (anError) throw new StackOverflowError("training recursed too deep");
            throw new IllegalStateException("training failed");
        }, () -> true, java.time.Duration.ofMillis(300))) {
            training.request();
            assertTrue(failed.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 20; i++) {
                training.request();
                Thread.sleep(5);
            }
            assertEquals(1, rounds.get(), "asked twenty times at once: no new round");
            Thread.sleep(400);
            training.request();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (rounds.get() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(2, rounds.get());
        }
    }

    private static void awaitIdle(BackgroundTraining training) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!training.idle() && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(training.idle());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
