package dev.catalyst.server.store;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;

/** Databases for tests: a fresh SQLite file, or a fresh schema in the local PostgreSQL (db `test`, trust auth). */
public final class TestDatabases {
    public static final String PG_URL = "postgresql://postgres@127.0.0.1:5432/test";

    private TestDatabases() {}

    public static Database sqlite(Path dir) {
        return Database.open(DatabaseUrl.sqlite(dir.resolve("catalyst.db")));
    }

    /** A new schema per call, so test classes never see each other's rows. */
    public static Database postgres(String schema) {
        return Database.open(DatabaseUrl.parse(PG_URL, Path.of(".")), schema);
    }

    /** A new or existing schema at {@code url} (e.g. through a {@link TcpProxy}) with the given store settings. */
    public static Database postgres(String url, String schema, StoreConfig config) {
        return Database.open(DatabaseUrl.parse(url, Path.of(".")), schema, config);
    }

    /**
     * Short timeouts and retries, so an outage in a test fails calls within seconds; a run's events
     * wait in memory for up to ten minutes, far longer than any test's outage.
     */
    public static StoreConfig outageConfig() {
        var timeouts = new StoreTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(3),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
        var outage = new OutagePolicy(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMinutes(10), 100_000,
                Duration.ofSeconds(1));
        return StoreConfig.defaults().withTimeouts(timeouts).withOutage(outage);
    }

    public static String freshSchema() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static void dropSchema(String schema) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
             var s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
