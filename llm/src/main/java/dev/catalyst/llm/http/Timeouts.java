package dev.catalyst.llm.http;

import java.time.Duration;

/**
 * Limits of one provider call: to connect, to the response headers, of silence between chunks, and
 * in total (the node's budget, across retries).
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {
    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(10));
    }

    public Timeouts withTotal(Duration t) {
        return new Timeouts(connect, firstByte, idle, t);
    }
}
