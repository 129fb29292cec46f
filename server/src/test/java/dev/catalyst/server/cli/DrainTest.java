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
                try (var health = connect(port); var post = connect(port)) {
                    server.stopAsync();
                    assertThat(server.err.await(DRAINING, WAIT)).as("the stop drains: %s", server.err).isTrue();

                    String healthReply = exchange(health, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                    assertThat(healthReply).startsWith("HTTP/1.1 503").contains("\"status\":\"draining\"");
                    String body = "{\"workflow\": " + workflow + "}";
                    // no Connection: close from the client: the server's own header ends this exchange
                    String refused = exchange(post, "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
                    assertThat(refused).startsWith("HTTP/1.1 503").contains("\"code\":\"draining\"")
                            .containsIgnoringCase("Retry-After: 1").containsIgnoringCase("Connection: close");
                }
                assertThatThrownBy(() -> connect(port).close()).as("no new connection while draining").isInstanceOf(ConnectException.class);
                assertThat(follower).as("the run's stream is still open").isNotDone();

                upstream.finish();
                followed = follower.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
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

    /** Writes a request and reads until the server closes the connection. */
    private static String exchange(Socket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> env(Path home, HeldAnthropicStream upstream, String grace) {
        return Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString(), ShutdownGrace.ENV, grace,
                "ANTHROPIC_API_KEY", "sk-ant-test-drain", "CATALYST_ANTHROPIC_BASE_URL", upstream.baseUrl().toString());
    }
}
