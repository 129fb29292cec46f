package dev.catalyst.engine;

import java.time.Duration;

/**
 * Engine limits.
 *
 * @param nodeTimeout  how long one node may run before it fails with {@code timeout}; null for no limit
 * @param cancelGrace  how long a failed or cancelled run waits for its other nodes to stop before it ends anyway
 */
public record EngineOptions(Duration nodeTimeout, Duration cancelGrace) {
    public static final EngineOptions DEFAULTS = new EngineOptions(Duration.ofMinutes(10), Duration.ofSeconds(5));

    public EngineOptions {
        if (cancelGrace == null) cancelGrace = Duration.ofSeconds(5);
    }
}
