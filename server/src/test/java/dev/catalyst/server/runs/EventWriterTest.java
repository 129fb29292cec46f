package dev.catalyst.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.NewRun;
import dev.catalyst.server.store.RunFinal;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoreException;
import dev.catalyst.server.store.StoreTime;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one writer on PostgreSQL, where each row's {@code xmin} names the transaction that wrote it. */
class EventWriterTest {
    static String schema;
    static Database db;
    static RunStore store;

    @BeforeAll
    static void open() {
        schema = TestDatabases.freshSchema();
        db = TestDatabases.postgres(schema);
        store = new RunStore(db);
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
        TestDatabases.dropSchema(schema);
    }

    /** A run's side of the writes, as a sink would see it. */
    static final class Owner implements EventWriter.Owner {
        final String runId;
        final AtomicLong persisted = new AtomicLong();
        final CountDownLatch finished = new CountDownLatch(1);
        final CompletableFuture<String> lost = new CompletableFuture<>();
        final long awaited;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch rowStored = new CountDownLatch(1);

        Owner(String runId, long awaited) {
            this.runId = runId;
            this.awaited = awaited;
        }

        @Override public String runId() { return runId; }

        @Override public void rowStored() { rowStored.countDown(); }

        @Override public void persisted(long seq) {
            persisted.set(seq);
            if (seq >= awaited) reached.countDown();
        }

        @Override public void finished() { finished.countDown(); }

        @Override public void lost(String reason) { lost.complete(reason); }

        @Override public boolean dropped() { return lost.isDone(); }
    }

    /** A group pause that holds the writer until the test has queued what it wants in the group. */
    static final class Gate implements StoreTime.Pause {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        @Override public void pause(Duration d) throws InterruptedException {
            entered.countDown();
            open.await();
        }
    }

    private static StoredEvent event(String run, long seq, String name) {
        return new StoredEvent(run, seq, name, "{\"run\":\"" + run + "\",\"seq\":" + seq + "}");
    }

    private static List<Long> runTransactionsOf(String... runs) {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT DISTINCT xmin::text::bigint FROM runs WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("text", runs));
                try (var rs = ps.executeQuery()) {
                    var out = new java.util.ArrayList<Long>();
                    while (rs.next()) out.add(rs.getLong(1));
                    return out;
                }
            }
        });
    }

    private static List<Long> transactionsOf(String... runs) {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT DISTINCT xmin::text::bigint FROM run_events WHERE run_id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("varchar", runs));
                try (var rs = ps.executeQuery()) {
                    var out = new java.util.ArrayList<Long>();
                    while (rs.next()) out.add(rs.getLong(1));
                    return out;
                }
            }
        });
    }

    @Test
    void theEventsOfSeveralRunsAndAFinishedRunAreStoredInOneTransaction() throws Exception {
        var gate = new Gate();
        try (var writer = new EventWriter(store, db.config().outage(), db.config().time(),
                new EventWriter.Grouping(Duration.ofMillis(5), 4096, gate))) {
            var a = new Owner("g-a", 3);
            var b = new Owner("g-b", 3);
            writer.create(new NewRun("g-a", "w", "{}", "{}", "running", null), a);
            assertThat(gate.entered.await(30, TimeUnit.SECONDS)).as("the writer waits for more after the first write").isTrue();
            assertThat(store.find("g-a")).as("no row is committed before its group").isEmpty();
            writer.create(new NewRun("g-b", "w", "{}", "{}", "running", null), b);
            writer.event(a, event("g-a", 1, "run.started"));
            writer.event(b, event("g-b", 1, "run.started"));
            writer.event(a, event("g-a", 2, "token"));
            writer.event(b, event("g-b", 2, "token"));
            writer.event(a, event("g-a", 3, "token"));
            writer.finish(b, event("g-b", 3, "run.completed"), new RunFinal("completed", "{}", null, "[]"));
            gate.open.countDown();
            assertThat(a.reached.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(b.finished.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(b.persisted.get()).isEqualTo(3);
            assertThat(a.rowStored.getCount()).isZero();
            assertThat(b.rowStored.getCount()).isZero();
            assertThat(transactionsOf("g-a", "g-b")).as("one transaction for both runs").hasSize(1);
            assertThat(runTransactionsOf("g-a", "g-b")).as("their rows in the same one").isEqualTo(transactionsOf("g-a", "g-b"));
            assertThat(store.events("g-a", 0, Long.MAX_VALUE, 10)).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L);
            assertThat(store.find("g-b").orElseThrow().status()).isEqualTo("completed");
            assertThat(store.find("g-a").orElseThrow().status()).isEqualTo("running");
        }
    }

    @Test
    void aRunWhoseEventsTheDatabaseRefusesFailsAloneAndTheOthersAreStored() throws Exception {
        var gate = new Gate();
        try (var writer = new EventWriter(store, db.config().outage(), db.config().time(),
                new EventWriter.Grouping(Duration.ofMillis(5), 4096, gate))) {
            var bad = new Owner("r-bad", 1);
            var good = new Owner("r-good", 2);
            writer.create(new NewRun("r-bad", "w", "{}", "{}", "running", null), bad);
            writer.create(new NewRun("r-good", "w", "{}", "{}", "running", null), good);
            writer.event(good, event("r-good", 1, "run.started"));
            assertThat(gate.entered.await(30, TimeUnit.SECONDS)).isTrue();
            writer.event(bad, event("r-bad", 1, "x".repeat(60))); // longer than the column allows
            writer.event(good, event("r-good", 2, "token"));
            gate.open.countDown();
            assertThat(bad.lost.get(30, TimeUnit.SECONDS)).startsWith("the database refused the run's row or events");
            assertThat(good.reached.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(store.events("r-good", 0, Long.MAX_VALUE, 10)).extracting(StoredEvent::seq).containsExactly(1L, 2L);
            assertThat(store.events("r-bad", 0, Long.MAX_VALUE, 10)).isEmpty();
            // later writes of a run given up on are not attempted
            writer.event(bad, event("r-bad", 2, "token"));
            writer.event(good, event("r-good", 3, "token"));
            var more = new Owner("r-good", 3);
            writer.event(more, event("r-good", 4, "token"));
            assertThat(more.reached.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(store.events("r-bad", 0, Long.MAX_VALUE, 10)).isEmpty();
        }
    }

    @Test
    void aRowTheDatabaseRefusesLosesThatRunAloneAndAStoppedWriterRefusesAtOnce() throws Exception {
        var writer = new EventWriter(store, db.config().outage(), db.config().time(), EventWriter.Grouping.immediate());
        var refused = new Owner("c-".repeat(40), 1); // an id longer than the column allows
        writer.create(new NewRun(refused.runId, "w", "{}", "{}", "running", null), refused);
        var ok = new Owner("c-ok", 1);
        writer.create(new NewRun("c-ok", "w", "{}", "{}", "running", null), ok);
        var again = new Owner("c-ok", 1);
        writer.create(new NewRun("c-ok", "w", "{}", "{}", "running", null), again); // a retried row is kept once
        assertThat(refused.lost.get(30, TimeUnit.SECONDS)).startsWith("the database refused the run's row or events");
        assertThat(ok.rowStored.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(again.rowStored.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.rowStored.getCount()).isOne();
        assertThat(store.find("c-ok")).isPresent();
        writer.close();
        var late = new Owner("c-late", 1);
        assertThatThrownBy(() -> writer.create(new NewRun("c-late", "w", "{}", "{}", "running", null), late))
                .isInstanceOf(StoreException.class).hasMessageContaining("stopping");
        assertThat(store.find("c-late")).isEmpty();
    }

    @Test
    void aGroupingThatCannotWorkIsRefused() {
        assertThatThrownBy(() -> new EventWriter.Grouping(Duration.ofMillis(-1), 10, d -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventWriter.Grouping(Duration.ZERO, 0, d -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
