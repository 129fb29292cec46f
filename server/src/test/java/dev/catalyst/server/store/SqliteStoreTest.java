package dev.catalyst.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {
    @TempDir
    static Path dir;
    static Database db;

    @BeforeAll
    static void open() {
        db = TestDatabases.sqlite(dir);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    Database db() {
        return db;
    }

    @Test
    void usesWriteAheadLoggingInTheFileItNames() {
        assertThat(db.dialect()).isEqualTo(Database.Dialect.SQLITE);
        assertThat(db.describe()).isEqualTo("sqlite:" + dir.resolve("catalyst.db").toAbsolutePath());
        String mode = db.withConnection(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(mode).isEqualToIgnoringCase("wal");
        assertThat(Files.exists(dir.resolve("catalyst.db"))).isTrue();
    }

    @Test
    void reopeningKeepsTheDataAndMigratesOnce(@TempDir Path other) {
        try (var first = TestDatabases.sqlite(other)) {
            new WorkflowStore(first).create("kept", "Kept", "{}");
        }
        try (var second = TestDatabases.sqlite(other)) {
            assertThat(new WorkflowStore(second).find("kept")).isPresent();
        }
    }

    @Test
    void databaseLocationsAreReadFromCatalystDb(@TempDir Path home) {
        assertThat(DatabaseUrl.parse(null, home).jdbcUrl()).isEqualTo("jdbc:sqlite:" + home.resolve("catalyst.db").toAbsolutePath());
        assertThat(DatabaseUrl.parse("sqlite:" + home.resolve("x.db"), home).display()).endsWith("x.db");
        var pg = DatabaseUrl.parse("postgresql://bob:s%40cret@db.local:5433/cat?sslmode=disable", home);
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:5433/cat?sslmode=disable");
        assertThat(pg.user()).isEqualTo("bob");
        assertThat(pg.password()).isEqualTo("s@cret");
        assertThat(pg.display()).isEqualTo("postgresql://bob@db.local:5433/cat").doesNotContain("cret");
        assertThat(DatabaseUrl.parse("postgres://h/", home).jdbcUrl()).isEqualTo("jdbc:postgresql://h/postgres");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:pw@h/db", home))
                .hasMessageContaining("CATALYST_DB").hasMessageNotContaining("pw");
    }

    @Test
    void anUnreachableDatabaseIsOneClearError(@TempDir Path home) {
        assertThatThrownBy(() -> Database.open(DatabaseUrl.parse("postgresql://nobody@127.0.0.1:1/none?connectTimeout=2", home)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the database at postgresql://nobody@127.0.0.1:1/none");
    }
}
