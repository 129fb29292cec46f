package dev.catalyst.core.expr;

import java.time.Duration;

/**
 * Bounds on one expression. Parsing limits stop hostile source before it is compiled; evaluation
 * limits stop it while it runs, whatever the data.
 *
 * @param maxLength     characters of one expression's source
 * @param maxParseDepth nesting depth the parser accepts
 * @param maxNodes      syntax-tree nodes of one expression
 * @param maxIterations comprehension iterations of one evaluation, nested loops counted together
 * @param maxCost       evaluation cost: one unit per evaluated sub-expression, plus units charged
 *                      by size before each built-in whose work grows with its arguments runs
 *                      (one per 100 characters or elements it reads or builds; see {@link SizedBuiltins})
 * @param timeout       wall-clock time of one evaluation
 * @param maxResultSize the size of the result: characters of a string, elements of a list or map
 *                      (nested values counted in); a value read straight from the scope is not measured
 * @param maxBuiltSize  the size of a value an operation builds: characters of a concatenated string,
 *                      bytes, elements of a concatenated list. Values from the workflow are not capped.
 */
public record ExpressionLimits(int maxLength, int maxParseDepth, int maxNodes, int maxIterations,
                               long maxCost, Duration timeout, int maxResultSize, int maxBuiltSize) {
    public static final ExpressionLimits DEFAULT =
            new ExpressionLimits(4096, 50, 1000, 10_000, 200_000, Duration.ofMillis(100), 4 * 1024 * 1024, 256 * 1024);

    public ExpressionLimits {
        if (maxLength <= 0 || maxParseDepth <= 0 || maxNodes <= 0 || maxIterations <= 0 || maxCost <= 0 || maxResultSize <= 0
                || maxBuiltSize <= 0) {
            throw new IllegalArgumentException("expression limits must be positive");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    }

    public ExpressionLimits withTimeout(Duration t) {
        return new ExpressionLimits(maxLength, maxParseDepth, maxNodes, maxIterations, maxCost, t, maxResultSize, maxBuiltSize);
    }

    public ExpressionLimits withMaxCost(long cost) {
        return new ExpressionLimits(maxLength, maxParseDepth, maxNodes, maxIterations, cost, timeout, maxResultSize, maxBuiltSize);
    }

    public ExpressionLimits withMaxIterations(int iterations) {
        return new ExpressionLimits(maxLength, maxParseDepth, maxNodes, iterations, maxCost, timeout, maxResultSize, maxBuiltSize);
    }

    public ExpressionLimits withMaxResultSize(int size) {
        return new ExpressionLimits(maxLength, maxParseDepth, maxNodes, maxIterations, maxCost, timeout, size, maxBuiltSize);
    }

    public ExpressionLimits withMaxBuiltSize(int size) {
        return new ExpressionLimits(maxLength, maxParseDepth, maxNodes, maxIterations, maxCost, timeout, maxResultSize, size);
    }
}
