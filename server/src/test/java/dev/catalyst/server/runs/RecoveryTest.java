package dev.catalyst.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.InstanceStore;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.ServerProcess;
import dev.catalyst.server.store.StoreConfig;
import dev.catalyst.server.store.StoreTime;
import dev.catalyst.server.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up recovery marks a run interrupted only when the server that owned it is gone. */
class RecoveryTest {
    static final Instant T = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void onlyRunsWhoseOwnerIsGoneAreMarkedInterrupted(@TempDir Path dir) throws Exception {
        var clock = new dev.catalyst.testkit.ManualClock(T);
        var config = StoreConfig.defaults().withTime(new StoreTime(clock, clock::advance));
        try (Database db = TestDatabases.sqlite(dir)) {
            var runs = new RunStore(db);
            var instances = new InstanceStore(db);
            var self = ServerProcess.current();
            long ttl = config.leaseTtl().toMillis();
            instances.renew(new InstanceStore.Lease("alive", "another-host", 1, null, T.toEpochMilli() + ttl));
            instances.renew(new InstanceStore.Lease("expired", "another-host", 1, null, T.toEpochMilli() - 1));
            // a server on this machine that was killed: its process is gone though its lease has time left
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            instances.renew(new InstanceStore.Lease("killed", self.hostKey(), p.pid(), null, T.toEpochMilli() + ttl));
            runs.create("r-alive", "w", "{}", "{}", "running", "alive");
            runs.create("r-expired", "w", "{}", "{}", "running", "expired");
            runs.create("r-killed", "w", "{}", "{}", "running", "killed");
            runs.create("r-unowned", "w", "{}", "{}", "running", null);

            try (var log = dev.catalyst.server.LogCapture.of(Recovery.class.getName(), java.util.logging.Level.INFO)) {
                assertThat(new Recovery(runs, instances, self, config).recover()).isEqualTo(3);
                // one line per run marked, tagged with it for the JSON log format
                var formatter = new dev.catalyst.server.observe.JsonLogFormatter();
                assertThat(log.records()).extracting(r -> dev.catalyst.core.json.Json.parse(formatter.format(r)).path("run_id").asString())
                        .containsExactlyInAnyOrder("r-expired", "r-killed", "r-unowned");
            }
            assertThat(runs.find("r-alive").orElseThrow().status()).isEqualTo("running");
            for (String id : new String[] {"r-expired", "r-killed", "r-unowned"}) {
                var row = runs.find(id).orElseThrow();
                assertThat(row.status()).isEqualTo("failed");
                assertThat(row.error()).contains("\"code\":\"interrupted\"");
                assertThat(runs.events(id, 0, 10, 10)).extracting(e -> e.name()).containsExactly("run.failed");
            }
            assertThat(instances.all()).extracting(InstanceStore.Lease::ownerId).containsExactly("alive");

            // the live server stops renewing; once its lease has run out, the next start recovers its run
            clock.advance(Duration.ofMillis(ttl - 1));
            assertThat(new Recovery(runs, instances, self, config).recover()).isZero();
            clock.advance(Duration.ofMillis(1));
            assertThat(new Recovery(runs, instances, self, config).recover()).isEqualTo(1);
            assertThat(runs.find("r-alive").orElseThrow().status()).isEqualTo("failed");
        }
    }

    @Test
    void recoveryStopsAtItsTimeLimitAndTheNextStartDoesTheRest(@TempDir Path dir) {
        var clock = new dev.catalyst.testkit.ManualClock(T);
        var config = StoreConfig.defaults().withTime(new StoreTime(clock, clock::advance));
        try (Database db = TestDatabases.sqlite(dir)) {
            var runs = new RunStore(db);
            var instances = new InstanceStore(db);
            runs.create("r-1", "w", "{}", "{}", "running", "long-gone");
            runs.create("r-2", "w", "{}", "{}", "running", null);
            var self = ServerProcess.current();
            // no time left: nothing is marked, nothing hangs
            assertThat(new Recovery(runs, instances, self, config.withRecoveryLimit(Duration.ZERO)).recover()).isZero();
            assertThat(runs.find("r-1").orElseThrow().status()).isEqualTo("running");
            assertThat(new Recovery(runs, instances, self, config).recover()).isEqualTo(2);
            assertThat(runs.find("r-1").orElseThrow().status()).isEqualTo("failed");
        }
    }

    @Test
    void aLeaseIsTakenOnTheInjectedClockAndGivenBackAtAStop(@TempDir Path dir) {
        // the heartbeat's pause lasts until the lease is closed (which interrupts it): this test renews nothing
        var clock = new dev.catalyst.testkit.ManualClock(T);
        var config = StoreConfig.defaults().withTime(new StoreTime(clock, d -> new java.util.concurrent.CountDownLatch(1).await()));
        try (Database db = TestDatabases.sqlite(dir)) {
            var instances = new InstanceStore(db);
            var lease = new OwnerLease(instances, ServerProcess.current(), config);
            lease.take();
            assertThat(instances.all()).singleElement().satisfies(l -> {
                assertThat(l.ownerId()).isEqualTo(lease.ownerId());
                assertThat(l.expiresAtMillis()).isEqualTo(T.plus(config.leaseTtl()).toEpochMilli());
                assertThat(l.pid()).isEqualTo(ProcessHandle.current().pid());
            });
            lease.close();
            assertThat(instances.all()).isEmpty();
        }
    }
}
