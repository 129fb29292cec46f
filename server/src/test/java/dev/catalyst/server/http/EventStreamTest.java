package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.LogCapture;
import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStreamTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(dir, ServerConfig.loopback().withPingInterval(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static String events(String runId) {
        return t.url("/api/runs/" + runId + "/events");
    }

    @Test
    void eachEventArrivesAsItHappensWithTheContractHeaders() throws Exception {
        String id = t.startRun();
        try (var sse = SseClient.open(t.http, events(id), null, null)) {
            var headers = sse.response.headers();
            assertThat(headers.firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(headers.firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(headers.firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(headers.allValues("Cache-Control")).hasSize(1);

            var seen = new ArrayList<SseClient.Frame>();
            // read up to the first token's wait: the completion is blocked on our feed now
            while (seen.isEmpty() || !seen.getLast().event().equals("node.started") || !seen.getLast().data().contains("claude")) {
                seen.add(sse.nextEvent(WAIT));
            }
            // each token is produced only after the previous one reached the client: had the server
            // buffered, the client would never see token 1 while token 2 is not yet produced
            for (String token : List.of("one", "two", "three")) {
                t.nodes.feed(token);
                var f = sse.nextEvent(WAIT);
                assertThat(f).as("token '%s' reached the client on its own", token).isNotNull();
                assertThat(f.event()).isEqualTo("token");
                assertThat(f.data()).contains("\"text\":\"" + token + "\"");
                seen.add(f);
            }
            // while it streams, the run shows the nodes that have ended so far
            var live = t.get("/api/runs/" + id).body();
            assertThat(live.get("status").stringValue()).isEqualTo("running");
            assertThat(live.get("nodes")).extracting(n -> n.get("nodeId").stringValue()).containsExactly("prompt");
            t.nodes.feed(TestExecutors.END);
            seen.addAll(sse.untilEnd(WAIT));
            assertThat(seen).extracting(SseClient.Frame::event).containsExactly("run.started",
                    "node.started", "node.completed", "node.started", "token", "token", "token", "node.completed",
                    "node.started", "node.completed", "run.completed");
            assertThat(seen).extracting(SseClient.Frame::id).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
            assertThat(seen.getLast().data()).contains("\"outputs\":{\"answer\":\"onetwothree\"}");
            // the server closes the stream after the terminal event
            assertThat(sse.nextFrame(WAIT)).isNull();
        }
    }

    @Test
    void resumingWithLastEventIdYieldsTheExactSequenceOnce() throws Exception {
        String id = t.startRun();
        var first = new ArrayList<SseClient.Frame>();
        try (var sse = SseClient.open(t.http, events(id), null, null)) {
            t.nodes.feed("a", "b");
            while (first.size() < 6) first.add(sse.nextEvent(WAIT)); // up to the second token
        } // the connection drops here
        t.nodes.feed("c", "d", TestExecutors.END);
        List<SseClient.Frame> rest;
        try (var sse = SseClient.open(t.http, events(id), first.getLast().id(), null)) {
            rest = sse.untilEnd(WAIT);
        }
        var all = new ArrayList<>(first);
        all.addAll(rest);
        t.server.runs().whenStored(id).get(60, java.util.concurrent.TimeUnit.SECONDS); // the writer runs behind the readers
        List<StoredEvent> stored = new RunStore(t.db).events(id, 0, Long.MAX_VALUE, 1000);
        assertThat(all).extracting(SseClient.Frame::id).containsExactlyElementsOf(stored.stream().map(e -> Long.toString(e.seq())).toList());
        assertThat(all).extracting(SseClient.Frame::data).containsExactlyElementsOf(stored.stream().map(StoredEvent::data).toList());
        assertThat(all.getLast().event()).isEqualTo("run.completed");

        // a finished run replays from the store, from any point
        try (var sse = SseClient.open(t.http, events(id), "7", null)) {
            var tail = sse.untilEnd(WAIT);
            assertThat(tail.getFirst().id()).isEqualTo("8");
            assertThat(tail.getLast().event()).isEqualTo("run.completed");
        }
        var bad = t.send(t.request("/api/runs/" + id + "/events").header("Last-Event-ID", "abc").GET());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).contains("Last-Event-ID");
    }

    @Test
    void silenceGetsPingsAndAClientThatLeftIsNoticed() throws Exception {
        String id = t.startRun();
        var sse = SseClient.open(t.http, events(id), null, null);
        SseClient.Frame f;
        do {
            f = sse.nextFrame(WAIT);
        } while (f != null && !f.isComment());
        assertThat(f).isNotNull();
        assertThat(f.comment()).isEqualTo(": ping");
        assertThat(t.server.runs().subscriberCount(id)).isEqualTo(1);
        // the route logs (FINE) a client that went away once its subscription is closed (try-with-resources
        // closes it before the catch that logs), so that line is the moment to look
        try (var log = LogCapture.of(RunRoutes.class.getName(), Level.FINE)) {
            sse.close();
            // the next ping to the closed connection fails and the subscription is dropped
            assertThat(log.await(("event stream of run " + id + ": client went away")::equals, WAIT)).isTrue();
        }
        assertThat(t.server.runs().subscriberCount(id)).isZero();
        t.nodes.feed(TestExecutors.END);
        try (var again = SseClient.open(t.http, events(id), null, null)) {
            assertThat(again.untilEnd(WAIT).getLast().event()).isEqualTo("run.completed");
        }
    }

    @Test
    void cancelStopsTheRunAndItsUpstreamCall() throws Exception {
        String id = t.startRun();
        try (var sse = SseClient.open(t.http, events(id), null, null)) {
            t.nodes.feed("x");
            SseClient.Frame f;
            do {
                f = sse.nextEvent(WAIT);
            } while (!f.event().equals("token"));
            var r = t.post("/api/runs/" + id + "/cancel", "");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().get("status").stringValue()).isEqualTo("cancelled");
            var rest = sse.untilEnd(WAIT);
            assertThat(rest).extracting(SseClient.Frame::event).containsExactly("node.failed", "run.cancelled");
            assertThat(rest.getFirst().data()).contains("\"code\":\"cancelled\"");
        }
        assertThat(t.nodes.cancelled).contains(id);
        assertThat(t.get("/api/runs/" + id).body().get("status").stringValue()).isEqualTo("cancelled");
    }

    @Test
    void aThousandConcurrentSubscribersAllReceiveEveryEvent() throws Exception {
        String id = t.startRun();
        int n = 1000;
        var clients = new ArrayList<SseClient>();
        var http = java.net.http.HttpClient.newBuilder().build();
        try {
            for (int i = 0; i < n; i++) clients.add(SseClient.open(http, events(id), null, null));
            // a client that has its first frame is subscribed (the subscription exists before any frame is written)
            var firsts = new ArrayList<SseClient.Frame>();
            for (var c : clients) firsts.add(c.nextEvent(WAIT));
            assertThat(firsts).allSatisfy(f -> assertThat(f.event()).isEqualTo("run.started"));
            assertThat(t.server.runs().subscriberCount(id)).isEqualTo(n);
            for (int i = 0; i < 50; i++) t.nodes.feed("t" + i);
            t.nodes.feed(TestExecutors.END);
            List<StoredEvent> expected = null;
            var results = new ArrayList<java.util.concurrent.Future<List<SseClient.Frame>>>();
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (var c : clients) results.add(pool.submit(() -> c.untilEnd(WAIT)));
                for (int i = 0; i < n; i++) {
                    var frames = new ArrayList<SseClient.Frame>(List.of(firsts.get(i)));
                    frames.addAll(results.get(i).get());
                    if (expected == null) {
                        t.server.runs().whenStored(id).get(60, java.util.concurrent.TimeUnit.SECONDS); // the writer runs behind the readers
                        expected = new RunStore(t.db).events(id, 0, Long.MAX_VALUE, 1000);
                    }
                    assertThat(frames).extracting(SseClient.Frame::id)
                            .containsExactlyElementsOf(expected.stream().map(e -> Long.toString(e.seq())).toList());
                }
            }
            assertThat(expected).hasSize(58); // run.started, 3 × node.started + node.completed, 50 tokens, run.completed
        } finally {
            clients.forEach(SseClient::close);
        }
    }

    @Test
    void aBrokenStreamEndsInNodeFailedAndRunFailed() throws Exception {
        String id = t.startRun();
        t.nodes.feed("part", TestExecutors.FAIL);
        try (var sse = SseClient.open(t.http, events(id), null, null)) {
            var frames = sse.untilEnd(WAIT);
            assertThat(frames.get(frames.size() - 2).data()).contains("\"code\":\"stream_interrupted\"").contains("\"partialText\":\"part\"");
            assertThat(frames.getLast().event()).isEqualTo("run.failed");
            assertThat(frames.getLast().data()).contains("\"nodeId\":\"claude\"");
        }
    }

    @Test
    void aPostWithStreamTrueStartsTheRunAndStreamsItsEventsOnTheSameResponse() throws Exception {
        String body = "{\"workflow\": " + TestExecutors.WORKFLOW + ", \"inputs\": {}}";
        String id;
        var first = new ArrayList<SseClient.Frame>();
        try (var sse = SseClient.post(t.http, t.url("/api/runs?stream=true"), body, null)) {
            assertThat(sse.response.statusCode()).isEqualTo(201);
            var headers = sse.response.headers();
            assertThat(headers.firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(headers.firstValue("X-Accel-Buffering")).hasValue("no");
            String location = headers.firstValue("Location").orElseThrow();
            id = location.substring(location.lastIndexOf('/') + 1);
            t.nodes.feed("x", "y");
            while (first.size() < 6) first.add(sse.nextEvent(WAIT)); // up to the second token
            assertThat(first).extracting(SseClient.Frame::id).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(first.getFirst().event()).isEqualTo("run.started");
            assertThat(first.getFirst().data()).contains(id);
        } // the client drops the connection; the run goes on
        t.nodes.feed("z", TestExecutors.END);
        // Last-Event-ID on the run's GET resumes where the POST's stream stopped
        try (var sse = SseClient.open(t.http, events(id), first.getLast().id(), null)) {
            var rest = sse.untilEnd(WAIT);
            assertThat(rest.getFirst().id()).isEqualTo("7");
            assertThat(rest.getLast().event()).isEqualTo("run.completed");
            assertThat(rest.getLast().data()).contains("xyz");
        }
    }

    @Test
    void anAcceptHeaderForEventsStreamsTooAndABadStreamFlagStartsNothing() throws Exception {
        String body = "{\"workflow\": " + TestExecutors.WORKFLOW + ", \"inputs\": {}}";
        try (var sse = SseClient.post(t.http, t.url("/api/runs"), body, "text/event-stream")) {
            assertThat(sse.response.statusCode()).isEqualTo(201);
            assertThat(sse.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(sse.nextEvent(WAIT).event()).isEqualTo("run.started");
            t.nodes.feed(TestExecutors.END);
            assertThat(sse.untilEnd(WAIT).getLast().event()).isEqualTo("run.completed");
        }
        int before = t.get("/api/runs?limit=500").body().get("runs").size();
        var bad = t.post("/api/runs?stream=yes", body);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).contains("stream must be true or false");
        assertThat(t.get("/api/runs?limit=500").body().get("runs").size()).isEqualTo(before);
        // stream=false answers with JSON even when the client also accepts events
        var plain = t.send(t.request("/api/runs?stream=false").header("Accept", "text/event-stream, application/json")
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertThat(plain.status()).isEqualTo(201);
        assertThat(plain.body().get("status").stringValue()).isEqualTo("running");
        t.nodes.feed(TestExecutors.END);
        t.server.runs().whenStored(plain.body().get("id").stringValue()).get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
}
