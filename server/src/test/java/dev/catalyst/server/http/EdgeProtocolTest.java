package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.LogCapture;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP edge under odd or hostile clients: methods, versions, chunking, trickles, hang-ups, auth headers. */
class EdgeProtocolTest {
    @Test
    void aKnownPathWithAnotherMethodIs405WithAllow(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback())) {
            var r = t.send(t.request("/api/health").DELETE());
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.errorCode()).isEqualTo("method_not_allowed");
            assertThat(r.raw().headers().firstValue("Allow")).hasValue("GET, HEAD");
            var runs = t.send(t.request("/api/runs/abc").DELETE());
            assertThat(runs.status()).isEqualTo(405);
            assertThat(runs.raw().headers().firstValue("Allow")).hasValue("GET, HEAD");
            var workflows = t.send(t.request("/api/workflows/").method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertThat(workflows.raw().headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
            // an unknown path is still 404
            assertThat(t.get("/api/nowhere").status()).isEqualTo(404);
        }
    }

    @Test
    void headOnHealthAnswersWithoutABody(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback())) {
            String reply = RawHttp.exchange(t.server.port(), "HEAD /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(reply).startsWith("HTTP/1.1 200").contains("Content-Type: application/json");
            assertThat(reply.substring(reply.indexOf("\r\n\r\n") + 4)).isEmpty();
            // HEAD on a live run's event stream answers with the stream's headers and ends at once
            String id = t.startRun();
            String events = RawHttp.exchange(t.server.port(), "HEAD /api/runs/" + id + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(events).startsWith("HTTP/1.1 200").contains("Content-Type: text/event-stream");
            assertThat(events.substring(events.indexOf("\r\n\r\n") + 4)).isEmpty();
            assertThat(t.post("/api/runs/" + id + "/cancel", "").status()).isEqualTo(200);
        }
    }

    @Test
    void theBearerSchemeMatchesInAnyCase(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback().withToken("s3cret"))) {
            t.token = null;
            for (String scheme : List.of("Bearer", "bearer", "BEARER", "bEaReR")) {
                assertThat(t.send(t.request("/api/nodes").header("Authorization", scheme + " s3cret")).status()).as(scheme).isEqualTo(200);
            }
            assertThat(t.send(t.request("/api/nodes").header("Authorization", "bearer wrong")).status()).isEqualTo(401);
            assertThat(t.send(t.request("/api/nodes").header("Authorization", "Basic s3cret")).status()).isEqualTo(401);
            assertThat(t.send(t.request("/api/nodes").header("Authorization", "Bearer")).status()).isEqualTo(401);
        }
    }

    @Test
    void aMalformedChunkedBodyIs400(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback())) {
            String reply = RawHttp.exchangeOpen(t.server.port(), "POST /api/workflows/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");
            assertThat(reply).startsWith("HTTP/1.1 400");
            assertThat(RawHttp.errorCode(reply)).isEqualTo("invalid_request");
        }
    }

    @Test
    void anUnsupportedHttpVersionIs505WithItsOwnCode(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback())) {
            String reply = RawHttp.exchange(t.server.port(), "GET /api/health HTTP/3.7\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(reply).startsWith("HTTP/1.1 505");
            assertThat(RawHttp.errorCode(reply)).isEqualTo("http_version_not_supported");
        }
    }

    @Test
    void aTrickledRequestHeadIsCutOffAtTheReadTimeout(@TempDir Path dir) throws Exception {
        // the idle timeout is long and every byte restarts it: only the read timeout can end this
        var limits = EdgeLimits.defaults().withRequestReadTimeout(Duration.ofMillis(400)).withIdleTimeout(Duration.ofSeconds(60));
        try (var t = new TestServer(dir, ServerConfig.loopback().withLimits(limits)); var s = new Socket("127.0.0.1", t.server.port())) {
            s.setSoTimeout(50_000);
            var closed = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> {
                try {
                    if (s.getInputStream().read() == -1) closed.countDown();
                } catch (Exception e) {
                    closed.countDown(); // reset by the server: closed as well
                }
            });
            trickle(s.getOutputStream(), "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(2_000), closed);
            assertThat(closed.await(50, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aTrickledBodyIs408AtTheReadTimeout(@TempDir Path dir) throws Exception {
        var limits = EdgeLimits.defaults().withRequestReadTimeout(Duration.ofMillis(400)).withIdleTimeout(Duration.ofSeconds(60));
        try (var t = new TestServer(dir, ServerConfig.loopback().withLimits(limits)); var s = new Socket("127.0.0.1", t.server.port())) {
            s.setSoTimeout(50_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/workflows/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var reply = new StringBuilder();
            var answered = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> {
                try (InputStream in = s.getInputStream()) {
                    reply.append(new String(in.readNBytes(12), StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // the assertion below reports what arrived
                }
                answered.countDown();
            });
            trickle(out, " ".repeat(4_000), answered);
            assertThat(answered.await(50, TimeUnit.SECONDS)).isTrue();
            assertThat(reply.toString()).isEqualTo("HTTP/1.1 408");
        }
    }

    @Test
    void aClientThatHangsUpMidBodyIsOneLogLine(@TempDir Path dir) throws Exception {
        Predicate<String> hangUp = m -> m.contains("went away") || m.contains("ended early");
        List<LogRecord> records;
        try (var log = LogCapture.of("dev.catalyst.server", Level.INFO); var t = new TestServer(dir, ServerConfig.loopback())) {
            try (var s = new Socket("127.0.0.1", t.server.port())) {
                s.getOutputStream().write(("POST /api/workflows/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 5000\r\n\r\n{\"schemaVersion\": 1").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            }
            assertThat(log.await(hangUp, Duration.ofSeconds(30))).isTrue();
            // the server still serves
            assertThat(t.get("/api/health").status()).isEqualTo(200);
            records = log.records();
        }
        // named in the description, so a second line says where it came from if this ever fails
        var lines = records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()).toList();
        assertThat(records).as("log lines: %s", lines)
                .filteredOn(r -> r.getMessage() != null && hangUp.test(r.getMessage()))
                .hasSize(1);
        assertThat(records).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
        assertThat(records).allSatisfy(r -> assertThat(r.getThrown()).as(r.getMessage()).isNull());
    }

    /** Writes one byte at a time, 20 ms apart, until {@code done} or the text runs out. */
    private static void trickle(OutputStream out, String text, CountDownLatch done) throws InterruptedException {
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            if (done.getCount() == 0) return;
            try {
                out.write(b);
                out.flush();
            } catch (java.io.IOException e) {
                return; // the server closed its side
            }
            Thread.sleep(20); // the trickle itself: the client's pace, not a wait for the server
        }
    }
}
