package dev.catalyst.server.cli;

import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.StoreConfig;
import java.time.Duration;
import java.util.Map;

/**
 * How long a stopping server lets its live runs finish before it cancels them
 * ({@code CATALYST_SHUTDOWN_GRACE}). On PostgreSQL, where other instances take the new work, 25 s by
 * default: a rolling restart finishes runs instead of cancelling them, within the 30 s most process
 * managers wait after SIGTERM. On SQLite, one instance on someone's machine, 0: Ctrl-C stops at once.
 */
final class ShutdownGrace {
    static final String ENV = "CATALYST_SHUTDOWN_GRACE";
    static final Duration MANY_INSTANCES = Duration.ofSeconds(25);
    private static final Duration MAX = Duration.ofHours(1);

    private ShutdownGrace() {}

    static Duration fromEnvironment(Map<String, String> env, Database.Dialect dialect) {
        String raw = env.get(ENV);
        if (raw == null || raw.isBlank()) return dialect == Database.Dialect.POSTGRESQL ? MANY_INSTANCES : Duration.ZERO;
        Duration d = raw.strip().equals("0") ? Duration.ZERO : StoreConfig.parseDuration(raw.strip());
        if (d == null || d.isNegative() || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(ENV + " must be a time from 0s to 3600s (e.g. 25s), not '" + raw + "'");
        }
        return d;
    }
}
