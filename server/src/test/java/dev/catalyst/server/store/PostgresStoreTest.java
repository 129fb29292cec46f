package dev.catalyst.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same contract against the local PostgreSQL, in a schema of its own. */
class PostgresStoreTest extends StoreContractTest {
    static String schema;
    static Database db;

    @BeforeAll
    static void open() {
        schema = TestDatabases.freshSchema();
        db = TestDatabases.postgres(schema);
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
        TestDatabases.dropSchema(schema);
    }

    @Override
    Database db() {
        return db;
    }

    @Test
    void tablesLiveInTheTestsOwnSchema() {
        assertThat(db.dialect()).isEqualTo(Database.Dialect.POSTGRESQL);
        assertThat(db.describe()).contains(schema);
        String current = db.withConnection(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(current).isEqualTo(schema);
    }

    @Test
    void manyThreadsShareThePool() throws Exception {
        var runs = new RunStore(db);
        var threads = new java.util.ArrayList<Thread>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            threads.add(Thread.ofVirtual().start(() -> runs.create("pool-" + n, "w", "{}", "{}", "completed")));
        }
        for (Thread t : threads) t.join();
        for (int i = 0; i < 20; i++) assertThat(runs.find("pool-" + i)).isPresent();
    }
}
