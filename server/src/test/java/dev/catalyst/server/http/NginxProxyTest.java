package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.TestExecutors;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's nginx with its default proxy settings (HTTP/1.0 to the upstream, proxy_buffering on; the
 * config only places nginx's files in a temp dir and sets the port, see docs/adr/0007) in front of
 * the server: events still arrive one at a time, because the server sends X-Accel-Buffering: no. nginx runs
 * as our child process with its own prefix and config in a temp dir, on a free port.
 * scripts/install-test-deps.sh installs nginx; a missing nginx fails this test rather than skip it.
 */
class NginxProxyTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void eventsPassThroughNginxOneByOne(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback().withPingInterval(Duration.ofSeconds(60)))) {
            int port = freePort();
            Process proxy = nginx(dir, port, t.server.port());
            try {
                NginxPidFile.awaitListening(dir.resolve("nginx.pid"), proxy, WAIT);
                String id = t.startRun();
                String url = "http://127.0.0.1:" + port + "/api/runs/" + id + "/events";
                try (var sse = SseClient.open(t.http, url, null, null)) {
                    assertThat(sse.response.statusCode()).isEqualTo(200);
                    SseClient.Frame f;
                    do {
                        f = sse.nextEvent(WAIT);
                        assertThat(f).as("events before the first token came through nginx").isNotNull();
                    } while (!(f.event().equals("node.started") && f.data().contains("claude")));
                    // each token is produced only after the previous one came out of nginx: a buffering
                    // proxy would hold the first one back and this loop would time out
                    long[] arrivals = new long[3];
                    int i = 0;
                    for (String token : List.of("alpha", "beta", "gamma")) {
                        t.nodes.feed(token);
                        var e = sse.nextEvent(WAIT);
                        assertThat(e).as("token %s through nginx", token).isNotNull();
                        assertThat(e.data()).contains(token);
                        arrivals[i++] = e.receivedNanos();
                    }
                    assertThat(arrivals[0]).isLessThan(arrivals[1]);
                    assertThat(arrivals[1]).isLessThan(arrivals[2]);
                    t.nodes.feed(TestExecutors.END);
                    assertThat(sse.untilEnd(WAIT).getLast().event()).isEqualTo("run.completed");
                }
            } finally {
                proxy.destroy();
                proxy.waitFor();
            }
        }
    }

    /** nginx in the foreground on {@code port}, proxying everything to {@code upstream} with default settings. */
    private static Process nginx(Path dir, int port, int upstream) throws Exception {
        return TestNginx.start(dir, 64, """
            server {
                listen 127.0.0.1:%1$d;
                location / {
                    proxy_pass http://127.0.0.1:%2$d;
                }
            }
            """.formatted(port, upstream));
    }

    /**
     * Why the server sends X-Accel-Buffering: no. A minimal upstream sends three frames and, after
     * each, waits (up to a bound) for the client to see it. With the header every frame gets through
     * before the next is sent; without it nginx holds all three until the upstream has finished.
     */
    @Test
    void withoutTheHeaderNginxHoldsEventsBack(@TempDir Path dir) throws Exception {
        assertThat(framesSeenWhileStreaming(dir.resolve("with"), true)).isEqualTo(3);
        assertThat(framesSeenWhileStreaming(dir.resolve("without"), false)).isZero();
    }

    private static int framesSeenWhileStreaming(Path dir, boolean header) throws Exception {
        Files.createDirectories(dir);
        var seen = new java.util.concurrent.Semaphore(0);
        var acknowledged = new java.util.concurrent.atomic.AtomicInteger();
        var finished = new java.util.concurrent.CountDownLatch(1);
        var upstream = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            if (header) exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 3; i++) {
                    out.write(("event: token\ndata: " + i + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.flush();
                    // a bound, not a pause: a buffering proxy never lets the client see the frame. Without the
                    // header that bound is waited out each time, so it is short; with it, a frame the client
                    // has to see gets the whole WAIT (a loaded machine must not turn a slow ack into "held back")
                    if (seen.tryAcquire(header ? WAIT.toSeconds() : 2, java.util.concurrent.TimeUnit.SECONDS)) acknowledged.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                finished.countDown();
            }
        });
        upstream.start();
        int port = freePort();
        Process proxy = nginx(dir, port, upstream.getAddress().getPort());
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            NginxPidFile.awaitListening(dir.resolve("nginx.pid"), proxy, WAIT);
            try (var sse = SseClient.open(http, "http://127.0.0.1:" + port + "/events", null, null)) {
                assertThat(sse.response.statusCode()).isEqualTo(200);
                for (int i = 0; i < 3; i++) {
                    var e = sse.nextEvent(WAIT);
                    assertThat(e).as("frame %d through nginx", i).isNotNull();
                    assertThat(e.data()).isEqualTo(Integer.toString(i));
                    seen.release();
                }
            }
            assertThat(finished.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).as("upstream finished").isTrue();
            return acknowledged.get();
        } finally {
            proxy.destroy();
            proxy.waitFor();
            upstream.stop(0);
        }
    }

    private static int freePort() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
