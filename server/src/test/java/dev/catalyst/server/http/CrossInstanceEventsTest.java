package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL database: a run on A streams live to a subscriber on B (B tails
 * the store on A's notices), a dropped stream resumes on B with Last-Event-ID, and what B sent
 * is exactly what A stored: no event twice, none missing.
 */
class CrossInstanceEventsTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aRunOnOneServerStreamsLiveOnAnotherAndResumesThere() throws Exception {
        String schema = TestDatabases.freshSchema();
        try (var a = new TestServer(TestDatabases.postgres(schema), ServerConfig.loopback());
             var b = new TestServer(TestDatabases.postgres(schema), ServerConfig.loopback())) {
            String id = a.startRun();
            awaitRowOn(b, id);
            String events = b.url("/api/runs/" + id + "/events");

            var seen = new ArrayList<SseClient.Frame>();
            try (var sse = SseClient.open(b.http, events, null, null)) {
                a.nodes.feed("one ");
                SseClient.Frame f;
                do {
                    f = sse.nextEvent(WAIT);
                    assertThat(f).as("a live event on B").isNotNull();
                    seen.add(f);
                } while (!f.event().equals("token"));
            } // dropped mid-stream
            a.nodes.feed("two");
            try (var sse = SseClient.open(b.http, events, seen.getLast().id(), null)) {
                SseClient.Frame f = sse.nextEvent(WAIT);
                assertThat(f).isNotNull();
                seen.add(f);
                a.nodes.feed(TestExecutors.END);
                seen.addAll(sse.untilEnd(WAIT));
            }
            assertThat(seen.getLast().event()).isEqualTo("run.completed");
            a.server.runs().whenStored(id).get(60, TimeUnit.SECONDS);

            List<StoredEvent> stored = new RunStore(a.db).events(id, 0, Long.MAX_VALUE, 1000);
            assertThat(seen).extracting(SseClient.Frame::id, SseClient.Frame::data)
                    .containsExactlyElementsOf(stored.stream().map(e -> Tuple.tuple(Long.toString(e.seq()), e.data())).toList());
            assertThat(b.get("/api/runs/" + id).body().get("status").stringValue()).isEqualTo("completed");
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    /** Waits until A's first group (the run's row with its first events) is committed, as B sees it. */
    private static void awaitRowOn(TestServer b, String id) throws Exception {
        var committed = new CountDownLatch(1);
        assertThat(b.notices.awaitListening(WAIT)).isTrue();
        try (var w = b.notices.runs().watch(id, seq -> committed.countDown())) { // watching first: a commit after this look is heard
            if (b.get("/api/runs/" + id).status() != 200) assertThat(committed.await(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(b.get("/api/runs/" + id).status()).isEqualTo(200);
    }
}
