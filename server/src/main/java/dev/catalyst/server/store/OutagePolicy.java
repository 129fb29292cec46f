package dev.catalyst.server.store;

import java.time.Duration;

/**
 * What a run does while the database is unreachable: its events wait in memory and their write is
 * retried with a doubling pause, until the database returns or the outage outlasts what a run may
 * hold; then the run ends failed with an explicit error (never silently "stored").
 *
 * @param firstRetry      pause after the first failed write
 * @param maxRetry        longest pause between two tries
 * @param giveUpAfter     a run whose events could not be stored for this long ends failed
 * @param maxQueuedEvents a run holding more unstored events than this ends failed (memory bound)
 * @param retryAfter      what a refused request is told in {@code Retry-After}
 */
public record OutagePolicy(Duration firstRetry, Duration maxRetry, Duration giveUpAfter, int maxQueuedEvents,
                           Duration retryAfter) {

    public static OutagePolicy defaults() {
        return new OutagePolicy(Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofMinutes(10), 200_000,
                Duration.ofSeconds(5));
    }

    /** The pause after {@code pause}: doubled, at most {@link #maxRetry}. */
    public Duration next(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(maxRetry) > 0 ? maxRetry : doubled;
    }

    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
