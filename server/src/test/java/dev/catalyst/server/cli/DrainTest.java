package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop that lets runs finish ({@code CATALYST_SHUTDOWN_GRACE}): {@code catalyst start} in this JVM,
 * a run whose Anthropic stream is held upstream, then the stop. While it drains, a connection
 * made before the stop still gets answers — health 503 {@code draining}, a new run 503
 * {@code draining} with Retry-After and Connection: close — a new connection is refused (a proxy's
 * next try goes to another instance), and the run's open event stream goes on. Released, the run
 * completes; it is not cancelled. With the grace spent first, the stop cancels it.
 */
@Timeout(180)
class DrainTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String DRAINING = "stopping: no new runs";

    @Test
    void aStoppingServerFinishesItsLiveRunAndTakesNoNewOne(@TempDir Path home) throws Exception {
        String workflow = Files.readString(SimulateModeTest.EXAMPLES.resolve("hello.json"));
        try (var upstream = new HeldAnthropicStream()) {
            var server = new InProcessServer(CliTestSupport.world(env(home, upstream, "60s")));
            List<InProcessServer.Event> followed;
            try {
                var follower = followHeldRun(server, upstream, workflow);
                int port = URI.create(server.url).getPort();
                // kept-alive connections, as a proxy holds to each instance: each carried a request before the stop
                try (var first = connect(port); var second = connect(port)) {
                    String health = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
                    assertThat(send(first, health)).startsWith("HTTP/1.1 200");
                    assertThat(send(second, health)).startsWith("HTTP/1.1 200");
                    server.stopAsync();
                    assertThat(server.err.await(DRAINING, WAIT)).as("the stop drains: %s", server.err).isTrue();

                    String body = "{\"workflow\": " + workflow + "}";
                    String refused = send(first, "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
                    assertThat(refused).startsWith("HTTP/1.1 503").contains("\"code\":\"draining\"")
                            .containsIgnoringCase("Retry-After: 1").containsIgnoringCase("Connection: close");
                    assertThat(send(second, health)).startsWith("HTTP/1.1 503").contains("\"status\":\"draining\"");
                    // neither carries another request here: a proxy's next one opens a connection, which is refused
                    assertThat(first.getInputStream().read()).as("closed after the refusal").isEqualTo(-1);
                    assertThat(second.getInputStream().read()).as("closed after its answer").isEqualTo(-1);
                }
                assertThatThrownBy(() -> connect(port).close()).as("no new connection while draining").isInstanceOf(ConnectException.class);
                assertThat(follower).as("the run's stream is still open").isNotDone();

                upstream.finish();
                followed = follower.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                upstream.finish(); // after an early failure: the stop must not wait out its grace (and hide the failure)
                server.close();
            }
            assertThat(followed.getLast().event()).isEqualTo("run.completed");
            assertThat(followed.getLast().data()).contains("Otters");
            assertThat(server.err.toString()).doesNotContain("cancelling them");
        }
    }

    @Test
    void aRunStillLiveWhenTheGraceIsSpentIsCancelled(@TempDir Path home) throws Exception {
        String workflow = Files.readString(SimulateModeTest.EXAMPLES.resolve("hello.json"));
        try (var upstream = new HeldAnthropicStream()) {
            var server = new InProcessServer(CliTestSupport.world(env(home, upstream, "1s")));
            List<InProcessServer.Event> followed;
            try {
                var follower = followHeldRun(server, upstream, workflow);
                server.stopAsync();
                // the upstream is never released: the grace (1 s, a bound here) passes, the stop cancels the run
                followed = follower.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(upstream.awaitAborted(WAIT)).as("its upstream request aborted").isTrue();
            } finally {
                server.close();
            }
            assertThat(followed.getLast().event()).isEqualTo("run.cancelled");
            assertThat(followed.getLast().data()).contains("the server is stopping");
            assertThat(server.err.toString()).contains(DRAINING).contains("1 run(s) still live: cancelling them");
        }
    }

    /**
     * The same through the operating system: SIGTERM to a {@code catalyst start} process (its shutdown
     * hook drives the stop), the held run completes after it, and the process exits.
     */
    @Test
    void sigtermToAServerProcessDrainsItAsWell(@TempDir Path home) throws Exception {
        String workflow = Files.readString(SimulateModeTest.EXAMPLES.resolve("hello.json"));
        try (var upstream = new HeldAnthropicStream(); var http = java.net.http.HttpClient.newHttpClient()) {
            var child = dev.catalyst.server.http.ServerChild.start(home, env(home, upstream, "60s"));
            try {
                var created = http.send(java.net.http.HttpRequest.newBuilder(URI.create(child.url() + "/api/runs"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"workflow\": " + workflow + "}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                assertThat(upstream.awaitStreaming(WAIT)).isTrue();
                // SIGTERM through the handle: Process.destroy() would also close our end of its stderr
                assertThat(child.process().toHandle().destroy()).isTrue();
                assertThat(child.awaitLog(DRAINING, WAIT)).as("it drains; its log: %s", child.seen()).isTrue();
                assertThat(child.process().isAlive()).as("still serving its live run").isTrue();
                upstream.finish();
                assertThat(child.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("it exits once the run is stored").isTrue();
            } finally {
                child.process().destroyForcibly().waitFor();
            }
            // the run was stored as completed: the next start on the same data serves it
            var again = new InProcessServer(CliTestSupport.world(env(home, upstream, "0")));
            try {
                var runs = again.get("/api/runs?limit=5");
                assertThat(runs.body()).contains("\"status\":\"completed\"").doesNotContain("\"status\":\"cancelled\"")
                        .doesNotContain("interrupted");
            } finally {
                again.close();
            }
            assertThat(child.seen()).noneMatch(l -> l.contains("cancelling them"));
        }
    }

    @Test
    void theGraceIsReadFromTheEnvironmentWithADefaultPerDatabase() {
        var sqlite = dev.catalyst.server.store.Database.Dialect.SQLITE;
        var postgres = dev.catalyst.server.store.Database.Dialect.POSTGRESQL;
        assertThat(ShutdownGrace.fromEnvironment(Map.of(), sqlite)).isZero();
        assertThat(ShutdownGrace.fromEnvironment(Map.of(), postgres)).isEqualTo(Duration.ofSeconds(25));
        assertThat(ShutdownGrace.fromEnvironment(Map.of(ShutdownGrace.ENV, "90s"), sqlite)).isEqualTo(Duration.ofSeconds(90));
        assertThat(ShutdownGrace.fromEnvironment(Map.of(ShutdownGrace.ENV, "0"), postgres)).isZero();
        assertThat(ShutdownGrace.fromEnvironment(Map.of(ShutdownGrace.ENV, "500ms"), postgres)).isEqualTo(Duration.ofMillis(500));
        for (String bad : List.of("ten", "-5s", "2h", "30")) {
            assertThatThrownBy(() -> ShutdownGrace.fromEnvironment(Map.of(ShutdownGrace.ENV, bad), sqlite))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ShutdownGrace.ENV);
        }
        var refused = CliTestSupport.run(CliTestSupport.world(Map.of(ShutdownGrace.ENV, "soon")), "start");
        assertThat(refused.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(refused.err()).contains(ShutdownGrace.ENV).contains("'soon'");
    }

    /** Starts a run whose completion the upstream holds, and follows its event stream to the end. */
    private static CompletableFuture<List<InProcessServer.Event>> followHeldRun(InProcessServer server, HeldAnthropicStream upstream,
                                                                                String workflow) throws Exception {
        var created = server.post("/api/runs", "{\"workflow\": " + workflow + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = dev.catalyst.core.json.Json.parse(created.body()).get("id").stringValue();
        assertThat(upstream.awaitStreaming(WAIT)).as("the run's completion is streaming, held upstream").isTrue();
        return CompletableFuture.supplyAsync(() -> events(server, id));
    }

    private static List<InProcessServer.Event> events(InProcessServer server, String id) {
        try {
            return server.events(id, new StringBuilder());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Socket connect(int port) throws IOException {
        var s = new Socket("127.0.0.1", port);
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    /** Writes a request on a kept-alive connection and reads one response (its head and Content-Length body). */
    private static String send(Socket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        var in = s.getInputStream();
        var head = new java.io.ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("the connection closed before a response: " + head);
            head.write(b);
        }
        var length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head.toString(StandardCharsets.ISO_8859_1));
        assertThat(length.find()).as("a Content-Length in %s", head).isTrue();
        return head.toString(StandardCharsets.ISO_8859_1) + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }

    private static Map<String, String> env(Path home, HeldAnthropicStream upstream, String grace) {
        return Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString(), ShutdownGrace.ENV, grace,
                "ANTHROPIC_API_KEY", "sk-ant-test-drain", "CATALYST_ANTHROPIC_BASE_URL", upstream.baseUrl().toString());
    }
}
