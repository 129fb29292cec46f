package dev.catalyst.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Fires node deadlines: once a node has run for its timeout, the scheduled action stops it. An
 * engine makes its own ({@link #system()}) and closes it with itself; a test passes one in and fires
 * deadlines when it wants, without waiting wall time.
 */
public interface DeadlineTimer extends AutoCloseable {
    /** Now, as the deadlines count it (a node's deadline is now + its timeout). */
    Instant now();

    /** Runs {@code action} once after {@code delay}, unless the returned handle is cancelled first. */
    Scheduled schedule(Duration delay, Runnable action);

    /** Drops pending deadlines; later {@link #schedule} calls fail. */
    @Override
    void close();

    /** A pending deadline. */
    @FunctionalInterface
    interface Scheduled {
        void cancel();
    }

    /** Deadlines on the system clock, fired by one daemon thread that exists only while some are pending. */
    static DeadlineTimer system() {
        return new ScheduledDeadlineTimer(Clock.systemUTC());
    }
}
