package dev.catalyst.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.llm.nodes.router.RouterState;
import dev.catalyst.server.LogCapture;
import dev.catalyst.testkit.ManualClock;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's notices on PostgreSQL: one dedicated connection (counted in {@code pg_stat_activity}
 * of a database of the test's own) hears both the router cooldowns and the run events, and after
 * its link is cut and restored both are read again (cooldowns re-read, run readers woken) over one
 * new connection.
 */
@Timeout(180)
class InstanceNoticesTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Instant T = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void oneConnectionHearsBothChannelsAndAfterACutBothAreReadAgain() throws Exception {
        String dbName = "catalyst_l1_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + dbName);
        var clock = new ManualClock(T);
        var paused = new Semaphore(0);
        // the cooldowns' periodic read happens once, at start, then waits for ever: only the listener reads
        // after it; the listener's reconnect pauses (tens of milliseconds) pass at once
        var refreshOnce = TestDatabases.outageConfig().withTime(new StoreTime(clock, d -> {
            if (!d.equals(Duration.ofSeconds(1))) return;
            paused.release();
            new Semaphore(0).acquire(); // until close interrupts
        }));
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             var cooldownLog = LogCapture.of(RouterCooldownStore.class.getName(), Level.INFO);
             var listenerLog = LogCapture.of(NoticeListener.class.getName(), Level.INFO);
             Database direct = Database.open(DatabaseUrl.parse("postgresql://postgres@127.0.0.1:5432/" + dbName, Path.of(".")));
             Database viaProxy = Database.open(DatabaseUrl.parse(proxy.postgresUrl(dbName), Path.of(".")), null, refreshOnce);
             var notices = InstanceNotices.start(viaProxy, clock)) {
            assertThat(paused.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the cooldowns' one periodic read").isTrue();
            assertThat(notices.awaitListening(WAIT)).isTrue();
            assertThat(listeners(dbName, null)).as("one connection outside the pool").isEqualTo(1);

            var seqs = new LinkedBlockingQueue<Long>();
            String run = UUID.randomUUID().toString();
            var writer = new RunStore(direct);
            writer.create(run, "w", "{}", "{}", "running", "elsewhere");
            var cooldowns = new RouterCooldownStore(direct, clock, Duration.ofSeconds(1), Runnable::run);
            try (var watch = notices.runs().watch(run, seqs::add)) {
                cooldowns.publish(new RouterState.Cooldown("one", T.plusSeconds(30), "rate_limited"));
                assertThat(cooldownLog.await(m -> m.contains("in force here: one"), WAIT)).as("a cooldown heard").isTrue();
                writer.append(List.of(event(run, 1, "run.started")));
                assertThat(seqs.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a run's event heard").isEqualTo(1L);

                long connects = notices.runs().connects();
                Timestamp beforeCut = now();
                proxy.cutBoth();
                cooldowns.publish(new RouterState.Cooldown("two", T.plusSeconds(40), "rate_limited")); // nobody listens
                writer.append(List.of(event(run, 2, "token")));
                proxy.restore();
                assertThat(listenerLog.await(m -> m.contains("reaches the database again"), Duration.ofSeconds(60))).isTrue();
                assertThat(cooldownLog.await(m -> m.contains("in force here: two"), WAIT)).as("cooldowns read at the reconnect").isTrue();
                assertThat(notices.cooldowns().find("two", clock.instant()).orElseThrow().until()).isEqualTo(T.plusSeconds(40));
                assertThat(seqs.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the run's reader woken at the reconnect").isEqualTo(Long.MAX_VALUE);
                assertThat(notices.runs().connects()).isGreaterThan(connects);
                assertThat(listeners(dbName, beforeCut)).as("one new connection for both channels").isEqualTo(1);

                cooldowns.publish(new RouterState.Cooldown("three", T.plusSeconds(50), "rate_limited"));
                assertThat(cooldownLog.await(m -> m.contains("in force here: three"), WAIT)).isTrue();
                writer.append(List.of(event(run, 3, "run.completed")));
                assertThat(seqs.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3L);
            }
        } finally {
            admin("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
        }
    }

    @Test
    void onlyPostgresqlHasNotices(@TempDir Path dir) {
        try (Database db = TestDatabases.sqlite(dir)) {
            assertThatThrownBy(() -> InstanceNotices.start(db, new ManualClock(T))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aChannelNameIsAnIdentifierOfOurs() throws Exception {
        String schema = TestDatabases.freshSchema();
        try (Database db = TestDatabases.postgres(schema)) {
            NoticeListener.Handler none = new NoticeListener.Handler() {
                @Override public void listening(java.sql.Connection c) { }
                @Override public void noticed(java.sql.Connection c, String payload) { }
            };
            assertThatThrownBy(() -> NoticeListener.start(db, java.util.Map.of("x; DROP TABLE runs", none))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> NoticeListener.start(db, java.util.Map.of())).isInstanceOf(IllegalArgumentException.class);
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    /** The listener connections to {@code dbName} (those started after {@code since}, when given). */
    static long listeners(String dbName, Timestamp since) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
             var ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = ?"
                     + (since == null ? "" : " AND backend_start >= ?"))) {
            ps.setString(1, dbName);
            ps.setString(2, Database.LISTENER_APPLICATION);
            if (since != null) ps.setTimestamp(3, since);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Timestamp now() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
             var s = c.createStatement();
             var rs = s.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    private static StoredEvent event(String run, long seq, String name) {
        return new StoredEvent(run, seq, name, "{\"n\":" + seq + "}");
    }

    static void admin(String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
             var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
