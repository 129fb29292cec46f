package dev.catalyst.testkit.fake;

import java.time.Duration;

/**
 * How fast a fake streams: the wait before the first content token, then a steady token rate.
 * {@code tokensPerSecond <= 0} means no wait between tokens.
 */
public record Pacing(Duration timeToFirstToken, double tokensPerSecond) {
    public Pacing {
        if (timeToFirstToken == null || timeToFirstToken.isNegative()) throw new IllegalArgumentException("timeToFirstToken must be >= 0");
    }

    /** As fast as the socket goes: for tests. */
    public static Pacing instant() {
        return new Pacing(Duration.ZERO, 0);
    }

    /** Roughly a hosted model: 350 ms to the first token, then 60 tokens per second. */
    public static Pacing realistic() {
        return new Pacing(Duration.ofMillis(350), 60);
    }

    /** Typical speed of a provider's current models (Groq streams several times faster than the others). */
    public static Pacing typical(String provider) {
        return switch (provider) {
            case "groq" -> new Pacing(Duration.ofMillis(150), 350);
            case "openai" -> new Pacing(Duration.ofMillis(450), 90);
            case "anthropic" -> new Pacing(Duration.ofMillis(400), 70);
            default -> realistic();
        };
    }

    long tokenGapNanos() {
        return tokensPerSecond <= 0 ? 0 : (long) (1_000_000_000L / tokensPerSecond);
    }
}
