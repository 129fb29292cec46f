package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.server.LogCapture;
import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.runs.EventWriter;
import dev.catalyst.server.runs.RunRequest;
import dev.catalyst.server.runs.RunService;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TestDatabases;
import dev.catalyst.server.store.WorkflowStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 29: a client that asks another instance about a run whose row is not committed yet (the
 * writer groups it off the request path, ADR 20) is answered once the row is there, not with 404.
 * Instance A runs the run with its writer held back, so nothing of it is in the database; B, a
 * server on the same PostgreSQL database, gets the event stream and the run's description asked
 * for meanwhile; both wait, and once A's writer goes on the stream carries every event A stored.
 * Unknown ids that are old, not UUIDv7, or asked of a SQLite server answer 404 without waiting.
 */
@Timeout(120)
class NotYetStoredRunTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String WAITING = "is not stored yet; waiting";

    @TempDir
    Path dir;

    @Test
    void aRunNotStoredYetIsWaitedForOnAnotherInstanceAndStreamsEveryEvent() throws Exception {
        String schema = TestDatabases.freshSchema();
        var entered = new CountDownLatch(1);
        var open = new CountDownLatch(1);
        var nodes = new TestExecutors();
        try (Database dbA = TestDatabases.postgres(schema);
             var log = LogCapture.of(RunService.class.getName(), Level.FINE);
             var b = new TestServer(TestDatabases.postgres(schema), ServerConfig.loopback())) {
            // A's writer holds its first group (the run's row and first events) until the test lets it go
            var a = new RunService(nodes.engine(), new RunStore(dbA), new WorkflowStore(dbA), 16,
                    new EventWriter.Grouping(Duration.ofMillis(5), 4096, d -> {
                        entered.countDown();
                        open.await();
                    }));
            try {
                a.takeLease();
                String id = a.start(RunRequest.given(WorkflowCodec.read(TestExecutors.WORKFLOW),
                        new RunRequest.Inputs.Values(Json.parse("{}")))).id();
                assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
                assertThat(UUID.fromString(id).version()).isEqualTo(7);
                assertThat(new RunStore(b.db).find(id)).as("nothing of the run is committed").isEmpty();

                var stream = CompletableFuture.supplyAsync(() -> open(b, id), r -> Thread.ofVirtual().start(r));
                assertThat(log.await(m -> m.startsWith("run " + id + " " + WAITING), 1, WAIT))
                        .as("B waits; %s; %s", log.records().stream().map(java.util.logging.LogRecord::getMessage).toList(),
                                stream.isDone() ? stream.join().response.statusCode() : "open").isTrue();
                var described = CompletableFuture.supplyAsync(() -> get(b, "/api/runs/" + id), r -> Thread.ofVirtual().start(r));
                assertThat(log.await(m -> m.startsWith("run " + id + " " + WAITING), 2, WAIT)).isTrue();
                // both are waiting: without the wait each had been a 404 by now
                assertThat(stream).isNotDone();
                assertThat(described).isNotDone();

                nodes.feed("Hi ", "there", TestExecutors.END);
                open.countDown();
                try (SseClient sse = stream.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    assertThat(sse.response.statusCode()).isEqualTo(200);
                    List<SseClient.Frame> seen = sse.untilEnd(WAIT);
                    assertThat(seen.getLast().event()).isEqualTo("run.completed");
                    a.whenStored(id).get(60, TimeUnit.SECONDS);
                    List<StoredEvent> stored = new RunStore(b.db).events(id, 0, Long.MAX_VALUE, 1000);
                    assertThat(seen).extracting(SseClient.Frame::id, SseClient.Frame::data)
                            .containsExactlyElementsOf(stored.stream().map(e -> Tuple.tuple(Long.toString(e.seq()), e.data())).toList());
                    assertThat(seen).extracting(SseClient.Frame::event).contains("run.started", "token", "run.completed");
                }
                TestServer.Reply r = described.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body().get("id").stringValue()).isEqualTo(id);

                // an id that is not stored and that started long ago, or is no UUIDv7 at all: 404 at once
                String old = uuid7(Instant.now().minus(Duration.ofHours(1)));
                String v4 = UUID.randomUUID().toString();
                for (String unknown : List.of(old, v4)) {
                    assertThat(b.get("/api/runs/" + unknown + "/events").status()).isEqualTo(404);
                    assertThat(b.get("/api/runs/" + unknown).status()).isEqualTo(404);
                }
                assertThat(log.records()).extracting(java.util.logging.LogRecord::getMessage)
                        .filteredOn(m -> m.contains(WAITING)).hasSize(2).allMatch(m -> m.startsWith("run " + id + " "));

                // a fresh id that is never stored: waited for until the id is NOT_YET_STORED (5 s) old, then 404. It
                // starts 3 s old, so the wait is about 2 s; a margin a busy machine cannot eat before the request lands
                String neverStored = uuid7(Instant.now().minus(Duration.ofSeconds(3)));
                assertThat(b.get("/api/runs/" + neverStored).status()).isEqualTo(404);
                assertThat(log.records()).extracting(java.util.logging.LogRecord::getMessage)
                        .anyMatch(m -> m.startsWith("run " + neverStored + " " + WAITING));
            } finally {
                open.countDown();
                nodes.feed(TestExecutors.END);
                a.close();
            }
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    @Test
    void aSqliteServerAnswersAnUnknownFreshIdAtOnce() throws Exception {
        try (var log = LogCapture.of(RunService.class.getName(), Level.FINE);
             var server = new TestServer(dir, ServerConfig.loopback())) {
            String fresh = uuid7(Instant.now());
            assertThat(server.get("/api/runs/" + fresh + "/events").status()).isEqualTo(404);
            assertThat(server.get("/api/runs/" + fresh).status()).isEqualTo(404);
            assertThat(log.records()).extracting(java.util.logging.LogRecord::getMessage).noneMatch(m -> m.contains(WAITING));
            // its own ids are UUIDv7 too
            assertThat(UUID.fromString(server.startRun()).version()).isEqualTo(7);
            server.nodes.feed(TestExecutors.END);
        }
    }

    /** A UUIDv7 of {@code t} written out by hand (RFC 9562 layout), independent of the server's generator. */
    private static String uuid7(Instant t) {
        var r = ThreadLocalRandom.current();
        long msb = t.toEpochMilli() << 16 | 0x7000L | (r.nextLong() & 0xFFFL);
        long lsb = 0x8000_0000_0000_0000L | (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(msb, lsb).toString();
    }

    private static SseClient open(TestServer b, String id) {
        try {
            return SseClient.open(b.http, b.url("/api/runs/" + id + "/events"), null, null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static TestServer.Reply get(TestServer b, String path) {
        try {
            return b.get(path);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
