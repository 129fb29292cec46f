package dev.catalyst.core.expr;

/**
 * A monotonic clock in nanoseconds, read to enforce an evaluation's time limit. Production uses
 * {@link #SYSTEM}; a test passes its own to show that a time limit fires without waiting for it.
 */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}
