package dev.catalyst.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run writer's session keeps its connection and statements across groups, and starts afresh
 * after a failure. The test counts what the session asks of the database's own connection source
 * (connections taken, statements prepared) through a wrapper it builds around that source.
 */
class WriteSessionTest {
    @RegisterExtension
    static final PostgresSchema SCHEMA = new PostgresSchema();
    static final String schema = SCHEMA.name();

    /** The database's own source, with every connection it lends counted and its prepareStatement calls counted. */
    static final class Counting implements KeptConnection.Source {
        final KeptConnection.Source real;
        final AtomicInteger taken = new AtomicInteger();
        final AtomicInteger prepared = new AtomicInteger();

        Counting(KeptConnection.Source real) {
            this.real = real;
        }

        private final Map<Connection, Connection> lent = new IdentityHashMap<>(); // the wrapper handed out → the real one

        @Override
        public Connection take() throws SQLException {
            Connection c = real.take();
            taken.incrementAndGet();
            var counted = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")) prepared.incrementAndGet();
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            lent.put(counted, c);
            return counted;
        }

        @Override
        public void giveBack(Connection c) throws SQLException {
            real.giveBack(lent.remove(c));
        }
    }

    private static void writeGroup(WriteSession s, String run) {
        s.write(List.of(new NewRun(run, "w", "{}", "{}", "running", null)),
                List.of(new StoredEvent(run, 1, "run.started", "{}"), new StoredEvent(run, 2, "node.token", "{}")),
                List.of(new FinishedRun(run, new RunFinal("completed", "{}", null, "[]"))));
    }

    private static void assertStored(RunStore store, String run) {
        assertThat(store.find(run).orElseThrow().status()).isEqualTo("completed");
        assertThat(store.events(run, 0, Long.MAX_VALUE, 10)).extracting(StoredEvent::seq).containsExactly(1L, 2L);
    }

    private static void threeGroupsPrepareThreeStatements(Database db, String prefix, int statements) {
        var store = new RunStore(db);
        var source = new Counting(db.keptSource());
        try (var session = new WriteSession(db, new KeptConnection(source))) {
            for (int g = 0; g < 3; g++) writeGroup(session, prefix + g);
            assertThat(source.taken).as("one connection for every group").hasValue(1);
            assertThat(source.prepared).as("insert run, insert event, finish run (and on PostgreSQL the notice): each prepared once")
                    .hasValue(statements);
        }
        for (int g = 0; g < 3; g++) assertStored(store, prefix + g);
    }

    @Test
    void sqliteStatementsArePreparedOnceAndReusedByEveryGroup(@TempDir Path dir) {
        try (var db = TestDatabases.sqlite(dir)) {
            threeGroupsPrepareThreeStatements(db, "sq-", 3);
            // the session's statements were closed with it; the database's connection is still the others'
            assertThat(new RunStore(db).find("sq-0")).isPresent();
        }
    }

    @Test
    void postgresStatementsArePreparedOnceAndReusedByEveryGroup() {
        try (var db = TestDatabases.postgres(TestDatabases.PG_URL, schema, TestDatabases.outageConfig())) {
            threeGroupsPrepareThreeStatements(db, "pg-", 4);
        }
    }

    @Test
    void aKeptConnectionFoundBrokenIsReplacedAtOnceWithFreshStatements() throws Exception {
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             var db = TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig())) {
            var store = new RunStore(db);
            var source = new Counting(db.keptSource());
            try (var session = new WriteSession(db, new KeptConnection(source))) {
                writeGroup(session, "br-0");
                // every link is cut (as by a database restart) and new ones pass again
                proxy.cutBoth();
                proxy.restore();
                writeGroup(session, "br-1");
                assertThat(source.taken).as("the broken connection was replaced").hasValue(2);
                // four on PostgreSQL: the three writes and the notice (ADR 28)
                assertThat(source.prepared).as("statements prepared again on the new connection").hasValue(8);
                writeGroup(session, "br-2");
                assertThat(source.prepared).hasValue(8);
            }
            for (int g = 0; g < 3; g++) assertStored(store, "br-" + g);
        }
    }

    @Test
    void anOutageFailsTheWriteAndTheWriteAfterItTakesAFreshConnection() throws Exception {
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             var db = TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig())) {
            var store = new RunStore(db);
            var source = new Counting(db.keptSource());
            try (var session = new WriteSession(db, new KeptConnection(source))) {
                writeGroup(session, "out-0");
                proxy.cutBoth();
                assertThatThrownBy(() -> writeGroup(session, "out-1")).isInstanceOf(StoreUnavailableException.class);
                assertThatThrownBy(() -> writeGroup(session, "out-1")).as("still down: no connection to be had")
                        .isInstanceOf(StoreUnavailableException.class);
                proxy.restore();
                writeGroup(session, "out-1");
                assertThat(source.taken).hasValue(2);
                assertThat(source.prepared).hasValue(8);
            }
            assertStored(store, "out-0");
            assertStored(store, "out-1");
        }
    }

    @Test
    void aRefusedGroupKeepsTheConnectionAndPreparesItsStatementsAgain(@TempDir Path dir) {
        try (var db = TestDatabases.sqlite(dir)) {
            var store = new RunStore(db);
            var source = new Counting(db.keptSource());
            try (var session = new WriteSession(db, new KeptConnection(source))) {
                writeGroup(session, "ok-0");
                assertThatThrownBy(() -> session.write(List.of(), List.of(new StoredEvent("ok-0", 3, null, "{}")), List.of()))
                        .isNotInstanceOf(StoreUnavailableException.class).isInstanceOf(StoreException.class);
                writeGroup(session, "ok-1");
                assertThat(source.taken).as("a refusal is not the connection's fault").hasValue(1);
                assertThat(source.prepared).as("3; the refused insert used the kept one; the refusal dropped them; the three again").hasValue(6);
            }
            assertStored(store, "ok-0");
            assertStored(store, "ok-1");
            assertThat(store.events("ok-0", 0, Long.MAX_VALUE, 10)).hasSize(2);
        }
    }
}
