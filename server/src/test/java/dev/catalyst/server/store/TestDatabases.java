package dev.catalyst.server.store;

import java.nio.file.Path;
import java.sql.DriverManager;
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
