package org.carebot.triage;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Keeps a model in step with examples that people add while it answers: one training round at a time, on a daemon
 * thread of its own, and another round when the last one ends if examples came meanwhile. The current model keeps
 * answering throughout, so teaching never stalls triage. A failed round is logged and the model stays as it was;
 * requests are then ignored for {@link #AFTER_FAILURE}, since the intent model asks at every post while it is behind
 * and a round that always fails would otherwise take a core and log at that pace. The thread ends when idle for a
 * while, so an owner that is never closed leaves no thread behind.
 */
final class BackgroundTraining implements AutoCloseable {

    static final Duration AFTER_FAILURE = Duration.ofMinutes(1);

    private final String name;
    private final Duration afterFailure;
    /** {@link System#nanoTime()} before which requests are ignored, after a failed round. */
    private volatile long quietUntil = System.nanoTime();
    private final Runnable round;
    private final BooleanSupplier behind;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ThreadPoolExecutor thread;

    /**
     * @param round  trains on the examples as they are when it starts, and publishes the model
     * @param behind whether the published model has not seen every example
     */
    BackgroundTraining(String name, Runnable round, BooleanSupplier behind) {
        this(name, round, behind, AFTER_FAILURE);
    }

    BackgroundTraining(String name, Runnable round, BooleanSupplier behind, Duration afterFailure) {
        this.name = name;
        this.afterFailure = afterFailure;
        this.round = round;
        this.behind = behind;
        this.thread = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread daemon = new Thread(runnable, "carebot-" + name + "-training");
            daemon.setDaemon(true);
            return daemon;
        });
        thread.allowCoreThreadTimeOut(true);
    }

    /** Starts a round unless one is running; that one starts the next when it ends, if the model is still behind. */
    void request() {
        if (System.nanoTime() - quietUntil < 0 || !running.compareAndSet(false, true)) return;
        try {
            thread.execute(this::runRound);
        } catch (RejectedExecutionException closed) {
            running.set(false);
        }
    }

    /** True while no round runs and the model has seen every example. */
    boolean idle() {
        return !running.get() && !behind.getAsBoolean();
    }

    private void runRound() {
        try {
            round.run();
        } catch (RuntimeException | Error e) {
            // An Error (out of memory, a stack overflow) gets the same quiet spell, then goes on up.
            quietUntil = System.nanoTime() + afterFailure.toNanos();
            System.getLogger(BackgroundTraining.class.getName()).log(System.Logger.Level.ERROR,
                    "Retraining the " + name + " model failed; the previous one keeps answering, the next try in "
                            + afterFailure.toSeconds() + " s at the earliest", e);
            if (e instanceof Error error) throw error;
            return;
        } finally {
            running.set(false);
        }
        if (behind.getAsBoolean()) request();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
