package dev.catalyst.server.store;

import java.time.Clock;
import java.time.Duration;

/**
 * The store's sense of time: a clock for leases and outage budgets, and a pause for retries.
 * Tests pass their own, so nothing time-dependent races the machine.
 */
public record StoreTime(Clock clock, Pause pause) {
    /** Waits between two tries. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    public static StoreTime system() {
        return new StoreTime(Clock.systemUTC(), d -> Thread.sleep(d));
    }
}
