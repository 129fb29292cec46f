package dev.catalyst.core.expr;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;

/**
 * Keeps one evaluation within its cost, size and time limits. CEL calls the listener after each
 * sub-expression (one cost unit each); {@link SizedBuiltins} charges a built-in by the size of its
 * arguments before it runs and checks the size of what it builds. Throwing an {@link Error} is
 * the one way to stop CEL (an exception is swallowed by {@code exists}/{@code all}, and cancelling
 * a future does not interrupt the interpreter).
 */
final class EvaluationGuard implements CelEvaluationListener {
    /** Thrown through CEL to stop an evaluation; caught by the service and never seen outside it. */
    static final class Stop extends Error {
        final ExpressionException.Kind kind;

        Stop(ExpressionException.Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    /** How often, in cost units, the clock is read. */
    static final int CLOCK_EVERY = 256;

    private final ExpressionLimits limits;
    private final Ticker ticker;
    private final long deadline;
    private long cost;
    private long lastClock;

    EvaluationGuard(ExpressionLimits limits, Ticker ticker) {
        this.limits = limits;
        this.ticker = ticker;
        this.deadline = ticker.nanoTime() + limits.timeout().toNanos();
    }

    @Override
    public void callback(CelExpr expr, Object value) {
        charge(1);
    }

    /**
     * Adds {@code units} to the cost before the work they stand for is done; stops the evaluation
     * when it goes over the cost limit, and reads the clock every {@link #CLOCK_EVERY} units.
     * Reading the clock rarely keeps it cheap, and a small expression slowed by class loading or a
     * GC pause is never failed for time.
     */
    void charge(long units) {
        cost += units;
        if (cost > limits.maxCost()) {
            throw new Stop(ExpressionException.Kind.LIMIT, "expression is too costly: over the limit of " + limits.maxCost()
                    + " cost units (one per evaluation step and per 100 characters or elements a function reads or builds)");
        }
        if (cost - lastClock >= CLOCK_EVERY) {
            lastClock = cost;
            checkDeadline();
        }
    }

    /** Units left before the cost limit; a size measurement may stop counting there. */
    long remaining() {
        return Math.max(0, limits.maxCost() - cost);
    }

    /** Stops the evaluation if its time is up; long-running built-ins call it as they go. */
    void checkDeadline() {
        if (ticker.nanoTime() - deadline > 0) {
            throw new Stop(ExpressionException.Kind.TIMEOUT, "expression took longer than " + limits.timeout().toMillis() + " ms and was stopped");
        }
    }

    /**
     * Refuses to build a value of {@code size} (characters, bytes or elements) over the cap on
     * values built inside an expression; {@code what} says what, with a {@code %d} for the size.
     */
    void checkBuilt(long size, String what) {
        if (size > limits.maxBuiltSize()) {
            throw new Stop(ExpressionException.Kind.LIMIT, "expression would build " + what.formatted(size)
                    + ", over the limit of " + limits.maxBuiltSize() + " for a value built inside an expression");
        }
    }
}
