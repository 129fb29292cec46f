package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.exec.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting before a retry or out a rate-limit cooldown: real time in production; tests pass one that moves their clock. */
@FunctionalInterface
public interface Pause {
    /** Waits {@code ms}, returning early when the run is cancelled. */
    void sleep(long ms, Cancellation cancellation) throws InterruptedException;

    Pause REAL = (ms, cancellation) -> {
        var woken = new CountDownLatch(1);
        try (AutoCloseable h = cancellation.onCancel(woken::countDown)) {
            woken.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception closeFailed) {
            // unregistering a callback cannot fail
        }
    };
}
