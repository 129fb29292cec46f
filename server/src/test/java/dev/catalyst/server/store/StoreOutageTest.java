package dev.catalyst.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts on every connection, and what an unreachable PostgreSQL looks like to the store's callers. */
class StoreOutageTest {
    @RegisterExtension
    static final PostgresSchema SCHEMA = new PostgresSchema();
    static final String schema = SCHEMA.name();

    @Test
    void everyPostgresConnectionCarriesStatementLockIdleAndSocketTimeouts() throws Exception {
        try (var db = TestDatabases.postgres(TestDatabases.PG_URL, schema, TestDatabases.outageConfig())) {
            List<String> settings = db.withConnection(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT current_setting('statement_timeout'), "
                        + "current_setting('lock_timeout'), current_setting('idle_in_transaction_session_timeout')")) {
                    rs.next();
                    return List.of(rs.getString(1), rs.getString(2), rs.getString(3), Integer.toString(c.getNetworkTimeout()));
                }
            });
            assertThat(settings).containsExactly("3s", "1s", "2s", "4000");
        }
    }

    @Test
    void sqliteWaitsForAnotherWriterWithABusyTimeout(@TempDir Path dir) {
        try (var db = Database.open(DatabaseUrl.sqlite(dir.resolve("c.db")), null, TestDatabases.outageConfig())) {
            long busy = db.withConnection(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA busy_timeout")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(busy).isEqualTo(2000);
        }
    }

    @Test
    void sqliteKeepsAPageCacheLargeEnoughForTheWritersWorkingSet(@TempDir Path dir) {
        try (var db = Database.open(DatabaseUrl.sqlite(dir.resolve("c.db")), null, TestDatabases.outageConfig())) {
            long cache = db.withConnection(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA cache_size")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(cache).as("negative: KiB rather than pages").isEqualTo(-32L * 1024);
        }
    }

    @Test
    void anOutageIsReportedAsUnavailableAndPassesWhenTheDatabaseReturns() throws Exception {
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             var db = TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig())) {
            var runs = new RunStore(db);
            runs.create("o-1", "w", "{}", "{}", "running");
            proxy.cutBoth();
            assertThatThrownBy(() -> runs.find("o-1"))
                    .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1))
                    .hasMessageStartingWith("the database is unavailable");
            proxy.restore();
            assertThat(runs.find("o-1")).isPresent();
        }
    }

    @Test
    void openingARefusingDatabaseFailsClearlyInsteadOfHanging() throws Exception {
        try (var proxy = new TcpProxy("127.0.0.1", 5432)) {
            proxy.cutBoth();
            assertThatThrownBy(() -> TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot open the database at postgresql://postgres@127.0.0.1:");
        }
    }

    @Test
    void openingAStalledDatabaseFailsClearlyAfterTheConnectTimeout() throws Exception {
        try (var proxy = new TcpProxy("127.0.0.1", 5432)) {
            proxy.stall();
            assertThatThrownBy(() -> TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot open the database");
        }
    }
}
