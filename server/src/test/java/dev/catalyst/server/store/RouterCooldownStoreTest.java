package dev.catalyst.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.llm.nodes.router.RouterState;
import dev.catalyst.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Two instances' router states on one database: one instance's 429 cools the deployment for the other. */
class RouterCooldownStoreTest {
    static final Instant T = Instant.parse("2026-12-04T12:00:00Z");
    static final String DEPLOYMENT = "anthropic/claude-haiku-5-5@anthropic";

    @Test
    void aRateLimitSeenByOneInstanceCoolsTheDeploymentForTheOther() throws Exception {
        String schema = TestDatabases.freshSchema();
        var clock = new ManualClock(T);
        try (Database one = TestDatabases.postgres(schema); Database two = TestDatabases.postgres(schema)) {
            // each step done when its call returns: no background thread to wait for
            var a = new RouterState(clock, RouterState.Settings.defaults());
            a.shareCooldowns(new RouterCooldownStore(one, clock, Duration.ofSeconds(1), Runnable::run));
            var b = new RouterState(clock, RouterState.Settings.defaults());
            var bStore = new RouterCooldownStore(two, clock, Duration.ofSeconds(1), Runnable::run);
            b.shareCooldowns(bStore);

            assertThat(b.cooldown(DEPLOYMENT)).isEmpty(); // read now: nothing shared yet
            a.failed(DEPLOYMENT, ErrorCode.RATE_LIMITED, 10_000L);
            assertThat(b.cooldown(DEPLOYMENT)).as("B's copy is less than a second old").isEmpty();
            clock.advance(Duration.ofSeconds(1));
            var seen = b.cooldown(DEPLOYMENT).orElseThrow();
            assertThat(seen.until()).isEqualTo(T.plusSeconds(10));
            assertThat(seen.reason()).isEqualTo("rate_limited");
            assertThat(b.snapshot().cooldowns()).extracting(RouterState.Cooldown::deployment).containsExactly(DEPLOYMENT);

            // a shorter cooldown does not shorten the shared one; a longer one extends it
            a.failed(DEPLOYMENT, ErrorCode.RATE_LIMITED, 1_000L);
            b.failed(DEPLOYMENT, ErrorCode.RATE_LIMITED, 60_000L);
            clock.advance(Duration.ofSeconds(1));
            var c = new RouterState(clock, RouterState.Settings.defaults());
            c.shareCooldowns(new RouterCooldownStore(one, clock, Duration.ofSeconds(1), Runnable::run));
            assertThat(c.cooldown(DEPLOYMENT).orElseThrow().until()).isEqualTo(T.plusSeconds(61));

            clock.advance(Duration.ofSeconds(60));
            assertThat(c.cooldown(DEPLOYMENT)).as("over").isEmpty();
            assertThat(bStore.find(DEPLOYMENT, clock.instant())).isEmpty();
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    @Test
    void aServersStoreReadsTheTableEverySecondSoNoLookupMeetsAnOldCopy() throws Exception {
        String schema = TestDatabases.freshSchema();
        var clock = new ManualClock(T);
        var step = new java.util.concurrent.Semaphore(0);
        var paused = new java.util.concurrent.Semaphore(0);
        // the refresher's pause between two reads waits for the test
        var stepped = TestDatabases.outageConfig().withTime(new StoreTime(clock, d -> {
            assertThat(d).isEqualTo(Duration.ofSeconds(1));
            paused.release();
            step.acquire();
            clock.advance(d);
        }));
        try (Database one = TestDatabases.postgres(schema);
             Database two = TestDatabases.postgres(TestDatabases.PG_URL, schema, stepped)) {
            var writer = new RouterCooldownStore(one, clock, Duration.ofSeconds(1), Runnable::run);
            writer.publish(new RouterState.Cooldown(DEPLOYMENT, T.plusSeconds(30), "rate_limited"));
            try (var notices = InstanceNotices.start(two, clock)) {
                var server = notices.cooldowns();
                assertThat(paused.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue(); // read once at start
                assertThat(server.find(DEPLOYMENT, clock.instant())).isPresent();
                assertThat(notices.awaitListening(Duration.ofSeconds(30))).isTrue();
                insertWithoutNotice(one, "other", T.plusSeconds(30)); // as if the notice were lost
                assertThat(server.find("other", clock.instant())).as("not read yet; a lookup never reads").isEmpty();
                step.release();
                assertThat(paused.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(server.find("other", clock.instant())).isPresent();
            }
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    @Test
    void aCooldownRecordedOnOneInstanceReachesTheOtherByNoticeAndAfterItsListenerReconnects() throws Exception {
        String schema = TestDatabases.freshSchema();
        var clock = new ManualClock(T);
        var paused = new java.util.concurrent.Semaphore(0);
        // the periodic read happens once, at start, then waits for ever: only the listener reads after it;
        // the listener's reconnect pauses (tens of milliseconds) pass at once
        var refreshOnce = TestDatabases.outageConfig().withTime(new StoreTime(clock, d -> {
            if (!d.equals(Duration.ofSeconds(1))) return;
            paused.release();
            new java.util.concurrent.Semaphore(0).acquire(); // until close interrupts
        }));
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             var log = dev.catalyst.server.LogCapture.of(RouterCooldownStore.class.getName(), java.util.logging.Level.INFO);
             var listenerLog = dev.catalyst.server.LogCapture.of(NoticeListener.class.getName(), java.util.logging.Level.INFO);
             Database one = TestDatabases.postgres(schema);
             Database viaProxy = TestDatabases.postgres(proxy.postgresUrl(), schema, refreshOnce);
             var bNotices = InstanceNotices.start(viaProxy, clock)) {
            var b = bNotices.cooldowns();
            var a = new RouterCooldownStore(one, clock, Duration.ofSeconds(1), Runnable::run);
            assertThat(paused.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS)).as("B's one periodic read").isTrue();
            assertThat(bNotices.awaitListening(Duration.ofSeconds(30))).as("from now on only a notice tells B").isTrue();

            a.publish(new RouterState.Cooldown(DEPLOYMENT, T.plusSeconds(30), "rate_limited"));
            assertThat(log.await(m -> m.contains("in force here: " + DEPLOYMENT), Duration.ofSeconds(30))).as("B heard A").isTrue();
            assertThat(b.find(DEPLOYMENT, clock.instant()).orElseThrow().until()).isEqualTo(T.plusSeconds(30));

            proxy.cutBoth();
            a.publish(new RouterState.Cooldown("other", T.plusSeconds(40), "rate_limited")); // B hears nothing
            proxy.restore();
            assertThat(listenerLog.await(m -> m.contains("reaches the database again"), Duration.ofSeconds(60))).isTrue();
            assertThat(log.await(m -> m.contains("in force here: other"), Duration.ofSeconds(30))).as("read at the reconnect").isTrue();
            assertThat(b.find("other", clock.instant()).orElseThrow().until()).isEqualTo(T.plusSeconds(40));
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    private static void insertWithoutNotice(Database db, String deployment, Instant until) {
        db.transaction(conn -> {
            try (var ps = conn.prepareStatement("INSERT INTO router_cooldowns (deployment, until_ms, reason) VALUES (?, ?, 'rate_limited')")) {
                ps.setString(1, deployment);
                ps.setLong(2, until.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Test
    void anUnreachableStoreKeepsTheLastCopyAndNeverStallsTheRouter() throws Exception {
        String schema = TestDatabases.freshSchema();
        var clock = new ManualClock(T);
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             Database direct = TestDatabases.postgres(schema);
             Database viaProxy = TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig())) {
            new RouterCooldownStore(direct, clock, Duration.ofSeconds(1), Runnable::run)
                    .publish(new RouterState.Cooldown(DEPLOYMENT, T.plusSeconds(30), "rate_limited"));
            var store = new RouterCooldownStore(viaProxy, clock, Duration.ofSeconds(1), Runnable::run);
            assertThat(store.find(DEPLOYMENT, clock.instant())).isPresent();
            proxy.cutBoth();
            clock.advance(Duration.ofSeconds(2));
            assertThat(store.find(DEPLOYMENT, clock.instant())).as("the last copy").isPresent();
            store.publish(new RouterState.Cooldown("other", T.plusSeconds(40), "rate_limited")); // lost, not thrown
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }
}
