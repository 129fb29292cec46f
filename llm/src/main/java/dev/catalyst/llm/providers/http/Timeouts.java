package dev.catalyst.llm.providers.http;

import java.time.Duration;
import java.util.Map;

/**
 * Limits of one provider call: to connect, to the response headers (each attempt, streamed or
 * whole), of silence between chunks, and in total (the node's budget, across retries). With the
 * defaults and two retries a provider that never answers fails after about 3 × 60 s, streamed or not.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {
    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(10));
    }

    /**
     * The defaults, with CATALYST_PROVIDER_CONNECT_TIMEOUT_MS, CATALYST_PROVIDER_FIRST_BYTE_TIMEOUT_MS and
     * CATALYST_PROVIDER_IDLE_TIMEOUT_MS where set (the total is each node's {@code timeoutMs}).
     */
    public static Timeouts fromEnvironment(Map<String, String> env) {
        Timeouts d = defaults();
        return new Timeouts(millis(env, "CATALYST_PROVIDER_CONNECT_TIMEOUT_MS", d.connect),
                millis(env, "CATALYST_PROVIDER_FIRST_BYTE_TIMEOUT_MS", d.firstByte),
                millis(env, "CATALYST_PROVIDER_IDLE_TIMEOUT_MS", d.idle), d.total);
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            long ms = Long.parseLong(raw.strip());
            if (ms >= 100 && ms <= 3_600_000) return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            // falls through to the same message as an out-of-range number
        }
        throw new IllegalArgumentException(name + " must be milliseconds from 100 to 3600000, not '" + raw + "'");
    }

    public Timeouts withTotal(Duration t) {
        return new Timeouts(connect, firstByte, idle, t);
    }

    public Timeouts withFirstByte(Duration d) {
        return new Timeouts(connect, d, idle, total);
    }
}
