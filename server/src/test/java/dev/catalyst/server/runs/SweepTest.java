package dev.catalyst.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.InstanceStore;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.ServerProcess;
import dev.catalyst.server.store.StoreConfig;
import dev.catalyst.server.store.StoreTime;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TestDatabases;
import dev.catalyst.testkit.ManualClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live server sweeps on every lease beat: a dead server's runs read failed with
 * {@code interrupted} once its lease has run out, with every stored event kept and the per-node
 * records rebuilt from them; of two servers sweeping at once only one fails a run.
 */
class SweepTest {
    static final Instant T = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void theLeaseBeatSweepsADeadServersRunOnceItsLeaseRanOutAndRebuildsItsNodes(@TempDir Path dir) throws Exception {
        var clock = new ManualClock(T);
        var step = new Semaphore(0);
        var paused = new Semaphore(0);
        // each beat's pause tells the test the beat before it is done, waits for the test, then moves the clock
        var config = StoreConfig.defaults().withTime(new StoreTime(clock, d -> {
            paused.release();
            step.acquire();
            clock.advance(d);
        }));
        long ttl = config.leaseTtl().toMillis();
        try (Database db = TestDatabases.sqlite(dir)) {
            var runs = new RunStore(db);
            var instances = new InstanceStore(db);
            instances.renew(new InstanceStore.Lease("dead", "another-host", 1, null, T.toEpochMilli() + ttl));
            runs.create("r-dead", "w", "{}", "{}", "running", "dead");
            List<StoredEvent> kept = deadRunsEvents("r-dead");
            runs.append(kept);

            var lease = new OwnerLease(instances, ServerProcess.current(), config);
            runs.create("r-mine", "w", "{}", "{}", "running", lease.ownerId());
            var recovery = new Recovery(runs, instances, ServerProcess.current(), config, lease.ownerId());
            lease.take(recovery::recover);
            assertThat(paused.tryAcquire(30, TimeUnit.SECONDS)).isTrue(); // the first pause
            try {
                long expiry = T.toEpochMilli() + ttl;
                while (true) {
                    step.release();
                    assertThat(paused.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
                    if (clock.millis() >= expiry) break;
                    assertThat(runs.find("r-dead").orElseThrow().status()).as("its lease has time left").isEqualTo("running");
                }
                // marked on the first beat after its lease ran out: within 4/3 of the lease time
                assertThat(clock.millis() - T.toEpochMilli()).isLessThanOrEqualTo(ttl + ttl / 3);
                var row = runs.find("r-dead").orElseThrow();
                assertThat(row.status()).isEqualTo("failed");
                assertThat(row.error()).contains("\"code\":\"interrupted\"");
                var stored = runs.events("r-dead", 0, Long.MAX_VALUE, 100);
                assertThat(stored.subList(0, kept.size())).isEqualTo(kept);
                assertThat(stored.getLast().name()).isEqualTo("run.failed");
                assertThat(stored.getLast().seq()).isEqualTo(kept.size() + 1);
                var nodes = Json.parse(row.nodes());
                assertThat(nodes).hasSize(2);
                assertThat(nodes.get(0).get("nodeId").stringValue()).isEqualTo("prompt");
                assertThat(nodes.get(0).get("type").stringValue()).isEqualTo("promptTemplate");
                assertThat(nodes.get(0).get("status").stringValue()).isEqualTo("completed");
                assertThat(nodes.get(0).get("latencyMs").asLong()).isEqualTo(12);
                assertThat(nodes.get(0).get("usage").get("inputTokens").asLong()).isEqualTo(3);
                assertThat(nodes.get(1).get("nodeId").stringValue()).isEqualTo("llm");
                assertThat(nodes.get(1).get("status").stringValue()).isEqualTo("failed");
                assertThat(nodes.get(1).get("error").get("code").stringValue()).isEqualTo("interrupted");
                // this server's own run is never its sweep's business
                assertThat(runs.find("r-mine").orElseThrow().status()).isEqualTo("running");
                assertThat(instances.all()).extracting(InstanceStore.Lease::ownerId).containsExactly(lease.ownerId());
            } finally {
                lease.close();
            }
        }
    }

    @Test
    void afterAFailedRenewalSweepsWaitALeaseTimeSoOtherServersCanRenewFirst() throws Exception {
        String schema = TestDatabases.freshSchema();
        var clock = new ManualClock(T);
        var step = new Semaphore(0);
        var paused = new Semaphore(0);
        var config = TestDatabases.outageConfig().withTime(new StoreTime(clock, d -> {
            paused.release();
            step.acquire();
            clock.advance(d);
        }));
        long ttl = config.leaseTtl().toMillis();
        try (var proxy = new dev.catalyst.server.store.TcpProxy("127.0.0.1", 5432);
             Database db = TestDatabases.postgres(proxy.postgresUrl(), schema, config)) {
            var sweeps = new AtomicInteger();
            var lease = new OwnerLease(new InstanceStore(db), ServerProcess.current(), config);
            lease.take(sweeps::incrementAndGet);
            try {
                // one beat at a time; returns the sweeps so far and how long since the start
                java.util.function.IntSupplier beat = () -> {
                    step.release();
                    try {
                        assertThat(paused.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    return sweeps.get();
                };
                assertThat(paused.tryAcquire(30, TimeUnit.SECONDS)).isTrue(); // the first pause
                long start = clock.millis();
                while (clock.millis() - start + ttl / 3 < ttl) assertThat(beat.getAsInt()).as("the first lease time").isZero();
                assertThat(beat.getAsInt()).as("a lease time of renewals").isEqualTo(1);

                proxy.cutBoth();
                assertThat(beat.getAsInt()).as("the renewal failed: no sweep").isEqualTo(1);
                proxy.restore();
                long back = clock.millis() + ttl / 3; // the next renewal succeeds then
                while (clock.millis() + ttl / 3 - back < ttl) {
                    assertThat(beat.getAsInt()).as("renewing again, not yet for a lease time").isEqualTo(1);
                }
                assertThat(beat.getAsInt()).isEqualTo(2);
            } finally {
                lease.close();
            }
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    @Test
    void ofTwoServersSweepingAtOnceOnlyOneFailsTheRun() throws Exception {
        String schema = TestDatabases.freshSchema();
        var clock = new ManualClock(T);
        var config = StoreConfig.defaults().withTime(new StoreTime(clock, clock::advance));
        try (Database one = TestDatabases.postgres(schema); Database two = TestDatabases.postgres(schema)) {
            var runs = new RunStore(one);
            for (int i = 0; i < 20; i++) {
                runs.create("r-" + i, "w", "{}", "{}", "running", "gone");
                runs.append(deadRunsEvents("r-" + i));
            }
            var marked = new AtomicInteger();
            var start = new CyclicBarrier(2);
            Thread[] sweepers = new Thread[2];
            Database[] dbs = {one, two};
            for (int s = 0; s < 2; s++) {
                var recovery = new Recovery(new RunStore(dbs[s]), new InstanceStore(dbs[s]), ServerProcess.current(), config, "self-" + s);
                sweepers[s] = Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                        marked.addAndGet(recovery.recover());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
            }
            for (Thread t : sweepers) t.join();
            assertThat(marked.get()).isEqualTo(20);
            for (int i = 0; i < 20; i++) {
                assertThat(runs.events("r-" + i, 0, Long.MAX_VALUE, 100)).extracting(StoredEvent::name)
                        .filteredOn("run.failed"::equals).hasSize(1);
                assertThat(runs.find("r-" + i).orElseThrow().status()).isEqualTo("failed");
            }
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    private static List<StoredEvent> deadRunsEvents(String id) {
        RunEvent[] events = {
                new RunEvent.RunStarted(id, "w"),
                new RunEvent.NodeStarted("prompt", "promptTemplate"),
                new RunEvent.NodeCompleted("prompt", Json.object().put("text", "hi"), new Usage(3, 0, 0, 3),
                        new BigDecimal("0.001"), 12, null),
                new RunEvent.NodeStarted("llm", "anthropicCompletion"),
                new RunEvent.Token("llm", "Hel", 0),
        };
        var out = new java.util.ArrayList<StoredEvent>();
        for (int i = 0; i < events.length; i++) out.add(new StoredEvent(id, i + 1, events[i].name(), Json.write(events[i])));
        return out;
    }
}
