package dev.catalyst.core.expr;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.util.Collection;
import java.util.Map;

/**
 * Watches one evaluation step by step and stops it when it goes over its cost, size or time
 * limit. CEL calls the listener after each sub-expression; throwing an {@link Error} is the one
 * way to stop it (an exception is swallowed by {@code exists}/{@code all}, and cancelling a
 * future does not interrupt the interpreter).
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

    private static final int CHARS_PER_COST_UNIT = 100;
    static final int CLOCK_EVERY = 256;

    private final ExpressionLimits limits;
    private final long deadline;
    private long cost;
    private long lastClock;

    EvaluationGuard(ExpressionLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.timeout().toNanos();
    }

    @Override
    public void callback(CelExpr expr, Object value) {
        cost++;
        if (produces(expr)) {
            switch (value) {
                case String s -> {
                    cost += s.length() / CHARS_PER_COST_UNIT;
                    if (s.length() > limits.maxResultSize()) throw tooLarge(s.length() + " characters");
                }
                case Collection<?> c when c.size() > limits.maxResultSize() -> throw tooLarge(c.size() + " elements");
                case Map<?, ?> m when m.size() > limits.maxResultSize() -> throw tooLarge(m.size() + " entries");
                default -> { }
            }
        }
        if (cost > limits.maxCost()) {
            throw new Stop(ExpressionException.Kind.LIMIT, "expression is too costly: over the limit of " + limits.maxCost()
                    + " cost units (one per evaluation step and per 100 characters built)");
        }
        // The clock is read every CLOCK_EVERY steps: cheap, and a small expression slowed by
        // class loading or a GC pause is never failed for time; a heavy one is stopped soon after.
        if (cost - lastClock >= CLOCK_EVERY) {
            lastClock = cost;
            if (System.nanoTime() - deadline > 0) {
                throw new Stop(ExpressionException.Kind.TIMEOUT, "expression took longer than " + limits.timeout().toMillis() + " ms and was stopped");
            }
        }
    }

    // Only operations make new values; reading a variable hands back one that already exists.
    private static boolean produces(CelExpr expr) {
        return switch (expr.getKind()) {
            case CALL, LIST, MAP, COMPREHENSION -> true;
            default -> false;
        };
    }

    private Stop tooLarge(String what) {
        return new Stop(ExpressionException.Kind.LIMIT, "expression built a value of " + what
                + ", over the limit of " + limits.maxResultSize());
    }
}
