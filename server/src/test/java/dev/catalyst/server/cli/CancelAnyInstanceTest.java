package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.LogCapture;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import dev.catalyst.server.store.InstanceStore;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code catalyst start} instances on one fresh PostgreSQL database (nginx would spread requests
 * over them): a run started on A, its Anthropic stream held open upstream, is cancelled through B.
 * B answers 200 {@code cancelled} once A has stored the run so; A's upstream request was aborted;
 * the stored events end with {@code run.cancelled}, and B streams exactly those. A second cancel
 * through B is refused as for any ended run (409 {@code run_finished}), an unknown id is 404, and a
 * run no instance can hear about is answered "cancelling" after the wait, never "cancelled".
 */
@Timeout(180)
class CancelAnyInstanceTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String LISTENING = "listening on catalyst_cooldowns+catalyst_run_events+catalyst_cancel";

    @Test
    void aRunOnOneInstanceIsCancelledThroughAnother(@TempDir Path dir) throws Exception {
        String dbName = "catalyst_cxl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = "postgresql://postgres@127.0.0.1:5432/" + dbName;
        admin("CREATE DATABASE " + dbName);
        String workflow = Files.readString(SimulateModeTest.EXAMPLES.resolve("hello.json"));
        try (var upstream = new HeldAnthropicStream();
             var log = LogCapture.of("dev.catalyst.server.store.NoticeListener", Level.FINE);
             var a = new InProcessServer(CliTestSupport.world(env(url, dir.resolve("a"), upstream)));
             var b = new InProcessServer(CliTestSupport.world(env(url, dir.resolve("b"), upstream)));
             Database db = Database.open(DatabaseUrl.parse(url, Path.of(".")))) {
            // both listeners are in force: a notice sent from now on is heard
            assertThat(log.await(m -> m.equals(LISTENING), 2, WAIT)).as("both instances listen").isTrue();

            var created = a.post("/api/runs", "{\"workflow\": " + workflow + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = Json.parse(created.body()).get("id").stringValue();
            assertThat(upstream.awaitStreaming(WAIT)).as("A's completion is streaming, held upstream").isTrue();
            // the token on the upstream's wire is not yet A's event: wait until A has relayed it, so the stored
            // run shows a token before its cancel (the cancel could otherwise overtake it)
            var onA = a.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(a.url + "/api/runs/" + id + "/events"))
                    .header("Accept", "text/event-stream").build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
            try (var lines = onA.body()) {
                assertThat(lines.anyMatch(l -> l.equals("event: token"))).as("A relayed the held token").isTrue();
            }

            var cancelled = b.post("/api/runs/" + id + "/cancel", "{}");
            assertThat(cancelled.statusCode()).as("cancel through B: %s", cancelled.body()).isEqualTo(200);
            assertThat(Json.parse(cancelled.body()).get("status").stringValue()).isEqualTo("cancelled");
            assertThat(Json.parse(cancelled.body()).get("id").stringValue()).isEqualTo(id);
            assertThat(upstream.awaitAborted(WAIT)).as("A aborted its upstream request").isTrue();

            var store = new RunStore(db);
            assertThat(store.find(id).orElseThrow().status()).isEqualTo("cancelled");
            List<StoredEvent> stored = store.events(id, 0, Long.MAX_VALUE, 1000);
            assertThat(stored).extracting(StoredEvent::name).contains("run.started", "token").last().isEqualTo("run.cancelled");
            assertThat(Json.parse(stored.getLast().data()).get("reason").stringValue()).isEqualTo("cancelled by request");
            var streamed = b.events(id, new StringBuilder());
            assertThat(streamed).extracting(InProcessServer.Event::id)
                    .containsExactlyElementsOf(stored.stream().map(e -> Long.toString(e.seq())).toList());
            assertThat(b.get("/api/runs/" + id).body()).contains("\"status\":\"cancelled\"");

            var again = b.post("/api/runs/" + id + "/cancel", "{}");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
            assertThat(Json.parse(again.body()).get("error").get("code").stringValue()).isEqualTo("run_finished");
            var unknown = b.post("/api/runs/" + UUID.randomUUID() + "/cancel", "{}");
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);

            // a run live nowhere that hears notices (as a one-shot `catalyst run`: a live lease, no listener) is
            // cancelled by nobody: B waits its 10 s and says "cancelling"; nothing claims it cancelled
            new InstanceStore(db).renew(new InstanceStore.Lease("one-shot", "another-host", 1, null, System.currentTimeMillis() + 3_600_000));
            String deaf = UUID.randomUUID().toString();
            store.create(deaf, "hello", workflow, "{}", "running", "one-shot");
            store.append(List.of(new StoredEvent(deaf, 1, "run.started", "{\"runId\":\"" + deaf + "\",\"workflowId\":\"hello\"}")));
            var unheard = b.post("/api/runs/" + deaf + "/cancel", "{}");
            assertThat(unheard.statusCode()).as(unheard.body()).isEqualTo(200);
            assertThat(Json.parse(unheard.body()).get("status").stringValue()).isEqualTo("cancelling");
            assertThat(store.find(deaf).orElseThrow().status()).isEqualTo("running");
        } finally {
            admin("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
        }
    }

    private static Map<String, String> env(String db, Path home, HeldAnthropicStream upstream) {
        return Map.of("CATALYST_DB", db, "CATALYST_PORT", "0", "CATALYST_HOME", home.toString(),
                "ANTHROPIC_API_KEY", "sk-ant-test-cancel", "CATALYST_ANTHROPIC_BASE_URL", upstream.baseUrl().toString());
    }

    private static void admin(String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
             var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
