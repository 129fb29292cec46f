package dev.catalyst.testkit.fake;

import java.time.Duration;

/** How long the time-based faults last. Values for retry headers are what the 429 faults send. */
public record FaultTiming(Duration slowFirstByte, Duration stall, long retryAfterSeconds, long retryAfterMs) {
    public static FaultTiming defaults() {
        return new FaultTiming(Duration.ofSeconds(5), Duration.ofSeconds(30), 1, 50);
    }
}
