package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.OutagePolicy;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TcpProxy;
import dev.catalyst.server.store.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PostgreSQL outages made by a proxy the test controls (the shared server is never stopped), with
 * live runs streaming: new runs get 503, live runs keep going from memory, and when the database
 * returns every run is stored in one true final state with every event its client saw.
 */
class StoreOutageApiTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final int RUNS = 3;

    enum Fault { CLOSED_BOTH_WAYS, HALF_OPEN, STALLED }

    /** Everything one client read from a run's event stream. */
    static final class Reader {
        final List<SseClient.Frame> frames = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);

        Reader(SseClient sse, CountDownLatch ready) {
            Thread.ofVirtual().start(() -> {
                try {
                    SseClient.Frame f;
                    while ((f = sse.nextEvent(WAIT)) != null) {
                        frames.add(f);
                        // claude's start is the last event before it waits for its first token: a reader that has
                        // it has read everything the run had so far, so the outage leaves it nothing to read from the store
                        if (f.event().equals("node.started") && f.data().contains("\"nodeId\":\"claude\"")) ready.countDown();
                        if (f.isTerminal()) break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ended.countDown();
            });
        }
    }

    /** Log records of the server's own classes while the test runs. */
    static final class Captured extends Handler {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        /** Opens once the run writer has found the database unreachable (it logs it once it refuses new runs). */
        final CountDownLatch outageKnown = new CountDownLatch(1);
        /** Opens once the run writer has reached the database again after refusing new runs. */
        final CountDownLatch answersAgain = new CountDownLatch(1);

        @Override
        public void publish(LogRecord r) {
            records.add(r);
            if (r.getMessage().startsWith("the run writer keeps its writes in memory")) outageKnown.countDown();
            if (r.getMessage().startsWith("the run writer reaches the database again")) answersAgain.countDown();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void everyRunEndsInOneTrueStateWithEveryEventItsClientSaw(Fault fault) throws Exception {
        String schema = TestDatabases.freshSchema();
        Logger server = Logger.getLogger("dev.catalyst.server");
        var logs = new Captured();
        server.addHandler(logs);
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             var t = new TestServer(TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig()),
                     ServerConfig.loopback())) {
            var ids = new ArrayList<String>();
            var readers = new ArrayList<Reader>();
            var clients = new ArrayList<SseClient>();
            var readersCaughtUp = new CountDownLatch(RUNS);
            for (int i = 0; i < RUNS; i++) {
                String id = t.startRun();
                ids.add(id);
                var sse = SseClient.open(t.http, t.url("/api/runs/" + id + "/events"), null, null);
                clients.add(sse);
                readers.add(new Reader(sse, readersCaughtUp));
            }
            assertThat(readersCaughtUp.await(60, TimeUnit.SECONDS)).isTrue();

            switch (fault) {
                case CLOSED_BOTH_WAYS -> proxy.cutBoth();
                case HALF_OPEN -> proxy.resetClientSide();
                case STALLED -> proxy.stall();
            }
            // a run's next token makes the writer try the database: from then on the outage is known,
            // and a new run is refused at once (no request waits for a commit, so none finds out by itself)
            t.nodes.feed("a");
            assertThat(logs.outageKnown.await(60, TimeUnit.SECONDS)).isTrue();
            var refused = t.post("/api/runs", "{\"workflow\": " + TestExecutors.WORKFLOW + ", \"inputs\": {}}");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.errorCode()).isEqualTo("store_unavailable");
            assertThat(refused.errorMessage()).isEqualTo("the database is unavailable; try again later");

            // the runs go on during the outage: their events reach the clients from memory
            t.nodes.feed("b", "c", "d", "e", "f");
            for (int i = 0; i < RUNS; i++) t.nodes.feed(TestExecutors.END);
            for (Reader r : readers) {
                assertThat(r.ended.await(60, TimeUnit.SECONDS)).isTrue();
                assertThat(r.frames.getLast().event()).isEqualTo("run.completed");
            }

            proxy.restore();
            var store = new RunStore(t.db);
            for (int i = 0; i < RUNS; i++) {
                String id = ids.get(i);
                t.server.runs().whenStored(id).get(60, TimeUnit.SECONDS);
                List<StoredEvent> stored = store.events(id, 0, Long.MAX_VALUE, 1000);
                var seen = readers.get(i).frames;
                assertThat(stored).extracting(e -> Long.toString(e.seq()), StoredEvent::name, StoredEvent::data)
                        .containsExactlyElementsOf(seen.stream()
                                .map(f -> org.assertj.core.groups.Tuple.tuple(f.id(), f.event(), f.data())).toList());
                assertThat(store.find(id).orElseThrow().status()).isEqualTo("completed");
                assertThat(t.get("/api/runs/" + id).body().get("status").stringValue()).isEqualTo("completed");
            }
            assertThat(t.post("/api/runs", "{\"workflow\": " + TestExecutors.WORKFLOW + ", \"inputs\": {}}").status())
                    .isEqualTo(201);
            t.nodes.feed(TestExecutors.END);
            clients.forEach(SseClient::close);

            // no stack traces, and a few lines for the whole outage, not one per failure
            assertThat(logs.records).noneMatch(r -> r.getThrown() != null);
            assertThat(logs.records).filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).hasSizeLessThan(6);
        } finally {
            server.removeHandler(logs);
            TestDatabases.dropSchema(schema);
        }
    }

    @org.junit.jupiter.api.Test
    void aRunWhoseOutageOutlastsThePolicyIsStoppedAndStoredFailedWithAClearError() throws Exception {
        String schema = TestDatabases.freshSchema();
        Logger server = Logger.getLogger("dev.catalyst.server");
        var logs = new Captured();
        server.addHandler(logs);
        // the sink gives up after one second without the database (ten minutes by default)
        var policy = new OutagePolicy(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1), 100_000,
                Duration.ofSeconds(1));
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             var t = new TestServer(TestDatabases.postgres(proxy.postgresUrl(), schema,
                     TestDatabases.outageConfig().withOutage(policy)), ServerConfig.loopback())) {
            String id = t.startRun();
            try (var sse = SseClient.open(t.http, t.url("/api/runs/" + id + "/events"), null, null)) {
                var seen = new ArrayList<SseClient.Frame>();
                t.nodes.feed("a");
                SseClient.Frame f;
                do {
                    f = sse.nextEvent(WAIT);
                    assertThat(f).isNotNull();
                    seen.add(f);
                } while (!f.event().equals("token"));
                proxy.cutBoth();
                t.nodes.feed("b");
                // the run is stopped once its events cannot be stored; the client sees it end
                seen.addAll(sse.untilEnd(WAIT));
                assertThat(seen.getLast().event()).isEqualTo("run.cancelled");
                // given up, with nothing left to write: new runs are still refused, not accepted to wait out the policy again
                var refused = t.post("/api/runs", "{\"workflow\": " + TestExecutors.WORKFLOW + ", \"inputs\": {}}");
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("1");
                proxy.restore();
                t.server.runs().whenStored(id).get(60, TimeUnit.SECONDS);
                // the writer's own probe finds the database back; no run had to try first
                assertThat(logs.answersAgain.await(60, TimeUnit.SECONDS)).isTrue();
                assertThat(t.post("/api/runs", "{\"workflow\": " + TestExecutors.WORKFLOW + ", \"inputs\": {}}").status())
                        .isEqualTo(201);
                t.nodes.feed(TestExecutors.END);

                var run = t.get("/api/runs/" + id).body();
                assertThat(run.get("status").stringValue()).isEqualTo("failed");
                assertThat(run.get("error").get("code").stringValue()).isEqualTo("server_error");
                assertThat(run.get("error").get("message").stringValue()).startsWith("the run's events could not be stored");
                List<StoredEvent> stored = new RunStore(t.db).events(id, 0, Long.MAX_VALUE, 100);
                long lastSeen = Long.parseLong(seen.getLast().id());
                assertThat(stored.getLast().name()).isEqualTo("run.failed");
                assertThat(stored.getLast().seq()).isGreaterThan(lastSeen);
                assertThat(stored).extracting(StoredEvent::name).containsOnlyOnce("run.failed");
            }
        } finally {
            server.removeHandler(logs);
            TestDatabases.dropSchema(schema);
        }
    }
}
