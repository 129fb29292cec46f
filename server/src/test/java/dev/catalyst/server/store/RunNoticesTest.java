package dev.catalyst.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-instance wake-up: sent on commit with the events, heard on a dedicated connection that
 * comes back after a break; and the cancel requests, handed to whoever asked to hear them.
 */
class RunNoticesTest {

    @Test
    void aCommitWakesTheWatchersOfItsRunsAndABrokenListenerWakesEveryoneWhenItReconnects() throws Exception {
        String schema = TestDatabases.freshSchema();
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             Database direct = TestDatabases.postgres(schema);
             Database viaProxy = TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig());
             var listener = InstanceNotices.start(viaProxy, java.time.Clock.systemUTC())) {
            RunNotices notices = listener.runs();
            var heard = new LinkedBlockingQueue<Long>();
            var other = new LinkedBlockingQueue<Long>();
            var runs = new RunStore(direct);
            runs.create("r1", "w", "{}", "{}", "running", null);
            assertThat(listener.awaitListening(java.time.Duration.ofSeconds(30))).isTrue();
            assertThat(notices.connects()).isEqualTo(1);
            try (var w = notices.watch("r1", heard::add); var o = notices.watch("r2", other::add)) {

                runs.append(List.of(new StoredEvent("r1", 1, "run.started", "{}"), new StoredEvent("r1", 2, "token", "{}")));
                assertThat(heard.poll(30, TimeUnit.SECONDS)).as("the last committed seq").isEqualTo(2);

                proxy.cutBoth();
                runs.append(List.of(new StoredEvent("r1", 3, "token", "{}"))); // nobody hears this one
                proxy.restore();
                assertThat(heard.poll(60, TimeUnit.SECONDS)).as("woken again after the reconnect").isEqualTo(Long.MAX_VALUE);
                assertThat(notices.connects()).isEqualTo(2);
                assertThat(other.poll(30, TimeUnit.SECONDS)).isEqualTo(Long.MAX_VALUE);
                assertThat(other).isEmpty(); // r2 had no notice of its own
            }
            // a closed watch hears nothing more
            runs.append(List.of(new StoredEvent("r1", 4, "token", "{}")));
            var again = new LinkedBlockingQueue<Long>();
            try (var w = notices.watch("r2", again::add)) {
                runs.append(List.of(new StoredEvent("r2", 2, "token", "{}")));
                assertThat(again.poll(30, TimeUnit.SECONDS)).isEqualTo(2);
            }
            assertThat(heard).isEmpty();
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    @Test
    void aCancelRequestReachesTheCancellersUntilTheirHandlesAreClosed() throws Exception {
        String schema = TestDatabases.freshSchema();
        try (Database db = TestDatabases.postgres(schema);
             var listener = InstanceNotices.start(db, java.time.Clock.systemUTC())) {
            assertThat(listener.awaitListening(java.time.Duration.ofSeconds(30))).isTrue();
            var heard = new LinkedBlockingQueue<String>();
            try (var h = listener.runs().onCancel(heard::add)) {
                CancelNotice.send(db, "r1");
                assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo("r1");
            }
            var later = new LinkedBlockingQueue<String>();
            try (var h = listener.runs().onCancel(later::add)) {
                CancelNotice.send(db, "r2");
                assertThat(later.poll(30, TimeUnit.SECONDS)).isEqualTo("r2");
            }
            assertThat(heard).as("a closed handle hears nothing more").isEmpty();
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    @Test
    void aPayloadNamesEachRunsLastSeqAndStaysUnderTheLimit() {
        var events = new ArrayList<StoredEvent>();
        for (int r = 0; r < 500; r++) {
            for (int s = 1; s <= 3; s++) events.add(new StoredEvent("run-" + String.format("%036d", r), s, "token", "{}"));
        }
        List<String> payloads = EventNotice.payloads(events);
        assertThat(payloads).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(EventNotice.MAX_PAYLOAD));
        var seen = new java.util.LinkedHashMap<String, Long>();
        payloads.forEach(p -> EventNotice.parse(p, seen::put));
        assertThat(seen).hasSize(500).allSatisfy((id, seq) -> assertThat(seq).isEqualTo(3));
        var odd = new java.util.HashMap<String, Long>();
        EventNotice.parse("no-seq\nr x\n a\nr 7", odd::put);
        assertThat(odd).isEqualTo(Map.of("r", 7L));
    }

    @Test
    void sqliteHasNoNoticesAndTheLeaseTimeComesFromTheEnvironment(@TempDir Path dir) {
        try (Database db = TestDatabases.sqlite(dir)) {
            assertThatThrownBy(() -> InstanceNotices.start(db, java.time.Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(StoreConfig.fromEnvironment(Map.of()).leaseTtl()).isEqualTo(StoreConfig.DEFAULT_LEASE_TTL);
        assertThat(StoreConfig.fromEnvironment(Map.of(StoreConfig.LEASE_ENV, "1500ms")).leaseTtl().toMillis()).isEqualTo(1500);
        assertThat(StoreConfig.fromEnvironment(Map.of(StoreConfig.LEASE_ENV, " 9s ", StoreConfig.VERSIONS_ENV, "3")))
                .satisfies(c -> {
                    assertThat(c.leaseTtl().toSeconds()).isEqualTo(9);
                    assertThat(c.versionsKept()).isEqualTo(3);
                });
        for (String bad : new String[] {"9", "x s", "100ms", "2h", "4000s"}) {
            assertThatThrownBy(() -> StoreConfig.fromEnvironment(Map.of(StoreConfig.LEASE_ENV, bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(StoreConfig.LEASE_ENV);
        }
    }
}
