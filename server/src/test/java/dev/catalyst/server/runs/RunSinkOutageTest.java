package dev.catalyst.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.server.store.OutagePolicy;
import dev.catalyst.server.store.PostgresSchema;
import dev.catalyst.server.store.RunFinal;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoreException;
import dev.catalyst.server.store.StoreTime;
import dev.catalyst.server.store.StoreTimeouts;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TcpProxy;
import dev.catalyst.server.store.TestDatabases;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink through PostgreSQL outages made by a proxy: events wait in memory, are stored once, or the run ends failed. */
class RunSinkOutageTest {
    @RegisterExtension
    static final PostgresSchema SCHEMA = new PostgresSchema();
    static final String schema = SCHEMA.name();

    private static void emitRun(RunSink sink, String id, int tokens) {
        sink.emit(new RunEvent.RunStarted(id, "w"));
        for (int i = 0; i < tokens; i++) sink.emit(new RunEvent.Token("n", "t" + i, i));
        sink.emit(new RunEvent.RunCompleted(id, null));
    }

    @Test
    void eventsWaitInMemoryDuringAnOutageReachLiveReadersAndAreStoredWhenItEnds() throws Exception {
        var paused = new CountDownLatch(1);
        var resume = new CountDownLatch(1);
        var pauses = new AtomicInteger();
        StoreTime time = new StoreTime(Clock.systemUTC(), d -> {
            pauses.incrementAndGet();
            paused.countDown();
            resume.await();
        });
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             var db = TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig())) {
            var store = new RunStore(db);
            store.create("mem", "w", "{}", "{}", "running");
            var writer = new EventWriter(store, db.config().outage(), time, EventWriter.Grouping.immediate());
            var sink = new RunSink("mem", writer, 1024);
            var reader = sink.subscribe(0);
            proxy.cutBoth();
            emitRun(sink, "mem", 100);
            sink.finish(new RunFinal("completed", "{}", null, "[]"));
            assertThat(paused.await(60, TimeUnit.SECONDS)).as("the writer met the outage").isTrue();
            var seen = new ArrayList<Long>();
            StoredEvent e;
            while ((e = reader.next(Duration.ofSeconds(30))) != null) seen.add(e.seq());
            assertThat(seen).as("a live reader gets every event from memory").isEqualTo(LongStream.rangeClosed(1, 102).boxed().toList());
            var late = sink.subscribe(40);
            var caughtUp = new ArrayList<Long>();
            while ((e = late.next(Duration.ofSeconds(30))) != null) caughtUp.add(e.seq());
            assertThat(caughtUp).as("a late reader catches up from memory, not the unreachable store")
                    .isEqualTo(LongStream.rangeClosed(41, 102).boxed().toList());
            assertThat(sink.done()).isNotDone();

            proxy.restore();
            resume.countDown();
            assertThat(sink.done().get(60, TimeUnit.SECONDS)).isEqualTo(new RunSink.Outcome.Stored());
            assertThat(store.events("mem", 0, Long.MAX_VALUE, 500)).extracting(StoredEvent::seq)
                    .isEqualTo(LongStream.rangeClosed(1, 102).boxed().toList());
            assertThat(store.find("mem").orElseThrow().status()).isEqualTo("completed");
            assertThat(pauses.get()).isPositive();
            writer.close();
        }
    }

    @Test
    void anOrphanedSessionIdleInTransactionDoesNotBlockTheRetry() throws Exception {
        var timeouts = new StoreTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(3),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2));
        var config = TestDatabases.outageConfig().withTimeouts(timeouts);
        String direct = "postgresql://postgres@127.0.0.1:5432/test";
        var inserted = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var db = TestDatabases.postgres(direct, schema, config);
             var lostWriter = TestDatabases.postgres(direct, schema, config)) {
            var store = new RunStore(db);
            store.create("orphan", "w", "{}", "{}", "running");
            // a writer whose link died mid-transaction: PostgreSQL never hears of it, so the session stays
            // idle in transaction holding (orphan, 1), with the store's own session settings. (A proxy's
            // half-open reset makes the same state; holding the session here makes it without a race.)
            Thread.ofVirtual().start(() -> {
                try {
                    lostWriter.withConnection(c -> {
                        c.setAutoCommit(false);
                        try (var ps = c.prepareStatement(
                                "INSERT INTO run_events (run_id, seq, name, data) VALUES ('orphan', 1, 'run.started', '{\"orphan\":true}')")) {
                            ps.executeUpdate();
                        }
                        inserted.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    });
                } catch (StoreException ended) {
                    // PostgreSQL ended the idle session; that is what the test waits for
                }
            });
            assertThat(inserted.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(orphanedSessions()).as("the session is there, mid-transaction").isPositive();

            var writer = new EventWriter(store, config.outage(), StoreTime.system(), EventWriter.Grouping.immediate());
            var sink = new RunSink("orphan", writer, 8);
            emitRun(sink, "orphan", 3);
            sink.finish(new RunFinal("completed", "{}", null, "[]"));
            // lock_timeout fails each try fast; idle_in_transaction_session_timeout ends the orphan
            assertThat(sink.done().get(60, TimeUnit.SECONDS)).isEqualTo(new RunSink.Outcome.Stored());
            var stored = store.events("orphan", 0, Long.MAX_VALUE, 10);
            assertThat(stored).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(stored.getFirst().data()).doesNotContain("orphan\":true");
            assertThat(store.find("orphan").orElseThrow().status()).isEqualTo("completed");
            writer.close();
            release.countDown(); // before the pools close: the lost writer hands its (ended) connection back
        } finally {
            release.countDown();
        }
    }

    private static int orphanedSessions() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
             var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction' "
                     + "AND query LIKE '%''orphan'', 1%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void anOutageLongerThanThePolicyEndsTheRunFailedAndNeverCountsEventsAsStored() throws Exception {
        var clock = new dev.catalyst.testkit.ManualClock(Instant.parse("2026-12-03T12:00:00Z"));
        // tries at 0, 10, 30 and 60 s of the test's clock, each refused within the pool wait
        var policy = new OutagePolicy(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), 100_000,
                Duration.ofSeconds(1));
        StoreTime time = new StoreTime(clock, clock::advance);
        var t = TestDatabases.outageConfig().timeouts();
        var quickPool = new StoreTimeouts(t.connect(), t.socket(), t.statement(), t.lock(), t.idleInTransaction(),
                Duration.ofMillis(500), t.sqliteBusy());
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             var db = TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig().withTimeouts(quickPool))) {
            var store = new RunStore(db);
            store.create("gone", "w", "{}", "{}", "running");
            var writer = new EventWriter(store, policy, time, EventWriter.Grouping.immediate());
            var sink = new RunSink("gone", writer, 8);
            var cancelled = new CountDownLatch(1);
            sink.onLost(cancelled::countDown);
            proxy.cutBoth();
            sink.emit(new RunEvent.RunStarted("gone", "w"));
            sink.emit(new RunEvent.Token("n", "lost", 0));
            assertThat(cancelled.await(60, TimeUnit.SECONDS)).as("the run is stopped once the policy gives up").isTrue();
            sink.flush(); // returns: waiting for events that will never be stored would hang a reader
            // the engine ends the cancelled run; the database comes back
            sink.emit(new RunEvent.RunCancelled("gone", "its events could not be stored"));
            sink.finish(new RunFinal("cancelled", null, null, "[]"));
            proxy.restore();
            var outcome = sink.done().get(60, TimeUnit.SECONDS);
            assertThat(outcome).isInstanceOfSatisfying(RunSink.Outcome.Lost.class,
                    l -> assertThat(l.reason()).startsWith("the database was unreachable for 60 s"));
            var row = store.find("gone").orElseThrow();
            assertThat(row.status()).isEqualTo("failed");
            assertThat(row.error()).contains("could not be stored").contains("server_error");
            // nothing pretends to be stored: only the failure, numbered after every event a reader saw
            assertThat(store.events("gone", 0, Long.MAX_VALUE, 10)).extracting(StoredEvent::seq, StoredEvent::name)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, "run.failed"));
            writer.close();
        }
    }

    @Test
    void aRunWhoseRowNeverReachedTheStoreIsStoredFailedWithItsRowAndAKnownOutageRefusesNewRunsAtOnce() throws Exception {
        var clock = new dev.catalyst.testkit.ManualClock(Instant.parse("2026-12-03T12:00:00Z"));
        var policy = new OutagePolicy(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), 100_000,
                Duration.ofSeconds(7));
        var paused = new CountDownLatch(1);
        var resume = new CountDownLatch(1);
        StoreTime time = new StoreTime(clock, d -> {
            paused.countDown(); // the writer's first retry pause: it has met the outage
            resume.await();
            clock.advance(d);
        });
        var t = TestDatabases.outageConfig().timeouts();
        var quickPool = new StoreTimeouts(t.connect(), t.socket(), t.statement(), t.lock(), t.idleInTransaction(),
                Duration.ofMillis(500), t.sqliteBusy());
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             var db = TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig().withTimeouts(quickPool))) {
            var store = new RunStore(db);
            var writer = new EventWriter(store, policy, time, EventWriter.Grouping.immediate());
            proxy.cutBoth();
            // the outage is not known yet: the run starts, its row queued ahead of its events
            var sink = new RunSink("rowless", writer, 8);
            sink.open(new dev.catalyst.server.store.NewRun("rowless", "w", "{}", "{}", "running", null, "2026-12-03T12:00:00Z"));
            assertThat(sink.rowPending()).isTrue();
            var cancelled = new CountDownLatch(1);
            sink.onLost(cancelled::countDown);
            sink.emit(new RunEvent.RunStarted("rowless", "w"));
            assertThat(paused.await(60, TimeUnit.SECONDS)).as("the writer met the outage").isTrue();
            // now it is known: a new run is refused on the spot, with the policy's Retry-After
            var refused = new RunSink("refused", writer, 8);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.open(
                            new dev.catalyst.server.store.NewRun("refused", "w", "{}", "{}", "running", null)))
                    .isInstanceOfSatisfying(dev.catalyst.server.store.StoreUnavailableException.class,
                            e -> assertThat(e.retryAfterSeconds()).isEqualTo(7));
            resume.countDown();
            assertThat(cancelled.await(60, TimeUnit.SECONDS)).as("the run is stopped once the policy gives up").isTrue();
            sink.emit(new RunEvent.RunCancelled("rowless", "its events could not be stored"));
            sink.finish(new RunFinal("cancelled", null, null, "[]"));
            proxy.restore();
            assertThat(sink.done().get(60, TimeUnit.SECONDS)).isInstanceOf(RunSink.Outcome.Lost.class);
            var row = store.find("rowless").orElseThrow();
            assertThat(row.status()).isEqualTo("failed");
            assertThat(row.createdAt()).isEqualTo("2026-12-03T12:00:00Z");
            assertThat(row.error()).contains("could not be stored");
            assertThat(store.events("rowless", 0, Long.MAX_VALUE, 10)).extracting(StoredEvent::name).containsExactly("run.failed");
            assertThat(store.find("refused")).isEmpty();
            writer.close();
        }
    }
    @Test
    void afterAGiveUpNewRunsStayRefusedUntilTheWritersProbeFindsTheDatabaseBack() throws Exception {
        var clock = new dev.catalyst.testkit.ManualClock(Instant.parse("2026-12-03T12:00:00Z"));
        var policy = new OutagePolicy(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), 100_000,
                Duration.ofSeconds(7));
        var pauses = new java.util.concurrent.Semaphore(0);
        // every pause (the writer's retries and probes, the sink's marking) passes at once on the test's clock
        StoreTime time = new StoreTime(clock, d -> {
            clock.advance(d);
            pauses.release();
        });
        var t = TestDatabases.outageConfig().timeouts();
        var quickPool = new StoreTimeouts(t.connect(), t.socket(), t.statement(), t.lock(), t.idleInTransaction(),
                Duration.ofMillis(500), t.sqliteBusy());
        var back = new CountDownLatch(1);
        var log = java.util.logging.Logger.getLogger(EventWriter.class.getName());
        var watch = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getMessage().contains("reaches the database again")) back.countDown();
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
        log.addHandler(watch);
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             var db = TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig().withTimeouts(quickPool))) {
            var store = new RunStore(db);
            var writer = new EventWriter(store, policy, time, EventWriter.Grouping.immediate());
            proxy.cutBoth();
            var sink = new RunSink("outlasted", writer, 8);
            sink.open(new dev.catalyst.server.store.NewRun("outlasted", "w", "{}", "{}", "running", null));
            var cancelled = new CountDownLatch(1);
            sink.onLost(cancelled::countDown);
            sink.emit(new RunEvent.RunStarted("outlasted", "w"));
            assertThat(cancelled.await(60, TimeUnit.SECONDS)).as("the policy gave the run up").isTrue();
            sink.emit(new RunEvent.RunCancelled("outlasted", "its events could not be stored"));
            sink.finish(new RunFinal("cancelled", null, null, "[]"));

            // given up, nothing left to write: still refused, also after more time on the clock
            pauses.drainPermits();
            assertThat(pauses.tryAcquire(3, 60, TimeUnit.SECONDS)).as("time passes on the injected pause").isTrue();
            assertThat(back.getCount()).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunSink("refused", writer, 8).open(
                            new dev.catalyst.server.store.NewRun("refused", "w", "{}", "{}", "running", null)))
                    .isInstanceOfSatisfying(dev.catalyst.server.store.StoreUnavailableException.class,
                            e -> assertThat(e.retryAfterSeconds()).isEqualTo(7));

            // the database returns: the writer's own probe notices, with no run to find out
            proxy.restore();
            assertThat(back.await(60, TimeUnit.SECONDS)).as("the writer probed the database back").isTrue();
            var next = new RunSink("accepted", writer, 8);
            next.open(new dev.catalyst.server.store.NewRun("accepted", "w", "{}", "{}", "running", null));
            emitRun(next, "accepted", 2);
            next.finish(new RunFinal("completed", null, null, "[]"));
            assertThat(next.done().get(60, TimeUnit.SECONDS)).isInstanceOf(RunSink.Outcome.Stored.class);
            assertThat(store.find("accepted").orElseThrow().status()).isEqualTo("completed");
            assertThat(store.find("refused")).isEmpty();
            assertThat(sink.done().get(60, TimeUnit.SECONDS)).isInstanceOf(RunSink.Outcome.Lost.class);
            writer.close();
        } finally {
            log.removeHandler(watch);
        }
    }
}
