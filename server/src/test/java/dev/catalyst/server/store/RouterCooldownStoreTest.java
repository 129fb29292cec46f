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
            try (var server = RouterCooldownStore.start(two, clock)) {
                assertThat(paused.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue(); // read once at start
                assertThat(server.find(DEPLOYMENT, clock.instant())).isPresent();
                writer.publish(new RouterState.Cooldown("other", T.plusSeconds(30), "rate_limited"));
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
