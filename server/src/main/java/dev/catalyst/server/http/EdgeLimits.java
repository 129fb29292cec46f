package dev.catalyst.server.http;

import java.time.Duration;
import java.util.Map;

/**
 * What one request may hold and how long it may take to arrive; see docs/adr/0010-http-edge-limits.md.
 *
 * @param maxNodes           nodes in one workflow (validate, store, run)
 * @param maxEdges           edges in one workflow
 * @param requestReadTimeout the longest a request's headers, and then its body, may take to arrive,
 *                           however steadily the bytes trickle in
 * @param idleTimeout        silence after which a connection is closed; null: derived from the ping interval
 */
public record EdgeLimits(int maxNodes, int maxEdges, Duration requestReadTimeout, Duration idleTimeout) {
    public static final int DEFAULT_MAX_NODES = 2_000;
    public static final int DEFAULT_MAX_EDGES = 10_000;
    public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(30);

    public EdgeLimits {
        if (maxNodes < 1 || maxEdges < 0) throw new IllegalArgumentException("node and edge limits must be positive");
        if (requestReadTimeout == null || requestReadTimeout.isNegative() || requestReadTimeout.isZero()) {
            throw new IllegalArgumentException("the request read timeout must be positive");
        }
    }

    public static EdgeLimits defaults() {
        return new EdgeLimits(DEFAULT_MAX_NODES, DEFAULT_MAX_EDGES, DEFAULT_REQUEST_READ_TIMEOUT, null);
    }

    /** From CATALYST_MAX_NODES, CATALYST_MAX_EDGES, CATALYST_REQUEST_TIMEOUT_MS and CATALYST_IDLE_TIMEOUT_MS. */
    public static EdgeLimits fromEnvironment(Map<String, String> env) {
        long idle = number(env, "CATALYST_IDLE_TIMEOUT_MS", 0, 1_000, 86_400_000);
        return new EdgeLimits(
                (int) number(env, "CATALYST_MAX_NODES", DEFAULT_MAX_NODES, 1, 1_000_000),
                (int) number(env, "CATALYST_MAX_EDGES", DEFAULT_MAX_EDGES, 0, 10_000_000),
                Duration.ofMillis(number(env, "CATALYST_REQUEST_TIMEOUT_MS", DEFAULT_REQUEST_READ_TIMEOUT.toMillis(), 100, 3_600_000)),
                idle == 0 ? null : Duration.ofMillis(idle));
    }

    static long number(Map<String, String> env, String name, long fallback, long min, long max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) return fallback;
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '" + raw + "'");
        }
        if (value < min || value > max) throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", not " + value);
        return value;
    }

    public EdgeLimits withMaxNodes(int n) {
        return new EdgeLimits(n, maxEdges, requestReadTimeout, idleTimeout);
    }

    public EdgeLimits withMaxEdges(int n) {
        return new EdgeLimits(maxNodes, n, requestReadTimeout, idleTimeout);
    }

    public EdgeLimits withRequestReadTimeout(Duration d) {
        return new EdgeLimits(maxNodes, maxEdges, d, idleTimeout);
    }

    public EdgeLimits withIdleTimeout(Duration d) {
        return new EdgeLimits(maxNodes, maxEdges, requestReadTimeout, d);
    }
}
