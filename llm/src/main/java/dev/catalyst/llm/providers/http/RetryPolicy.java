package dev.catalyst.llm.providers.http;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: {@code min(base * 2^attempt, max) * (1 - jitter * random)}. A
 * provider's own wait (retry-after) wins when it is at most {@code maxHonoredRetryAfter}; a longer
 * one means "do not retry".
 */
public record RetryPolicy(int maxRetries, Duration base, Duration max, double jitter, Duration maxHonoredRetryAfter, DoubleSupplier random) {
    public static RetryPolicy defaults() {
        return new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(8), 0.25, Duration.ofSeconds(60), Math::random);
    }

    public RetryPolicy withMaxRetries(int n) {
        return new RetryPolicy(n, base, max, jitter, maxHonoredRetryAfter, random);
    }

    public RetryPolicy withBase(Duration b) {
        return new RetryPolicy(maxRetries, b, max, jitter, maxHonoredRetryAfter, random);
    }

    /** The wait before retry number {@code attempt} (0-based), or null when the provider's wait is too long to honour. */
    public Long delayMs(int attempt, Long retryAfterMs) {
        if (retryAfterMs != null) {
            if (retryAfterMs > maxHonoredRetryAfter.toMillis()) return null;
            if (retryAfterMs >= 0) return retryAfterMs;
        }
        double backoff = Math.min(base.toMillis() * Math.pow(2, attempt), max.toMillis());
        return (long) (backoff * (1 - jitter * random.getAsDouble()));
    }
}
