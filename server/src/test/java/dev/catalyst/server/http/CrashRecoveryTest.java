package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashRecoveryTest {
    @Test
    void aRunCutOffByAKilledServerReadsInterruptedWithItsEventsIntact(@TempDir Path dir) throws Exception {
        Path dbFile = dir.resolve("catalyst.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashTarget.class.getName(), dbFile.toString())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        String runId;
        List<StoredEvent> before;
        try {
            var out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line = out.readLine();
            assertThat(line).as("child server started (see child.err)").startsWith("PORT ");
            int port = Integer.parseInt(line.substring(5).strip());
            var http = HttpClient.newHttpClient();
            var started = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"workflow\": " + TestExecutors.WORKFLOW + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).isEqualTo(201);
            runId = dev.catalyst.core.json.Json.parse(started.body()).get("id").stringValue();
            try (var sse = SseClient.open(http, "http://127.0.0.1:" + port + "/api/runs/" + runId + "/events", null, null)) {
                int tokens = 0;
                while (tokens < 2) {
                    var f = sse.nextEvent(Duration.ofSeconds(30));
                    assertThat(f).isNotNull();
                    if (f.event().equals("token")) tokens++;
                }
            }
            // the sink stores in batches: the child's commits change the database files, so each change
            // is the moment to look whether the six events are stored yet; then kill it
            try (var reader = Database.open(DatabaseUrl.sqlite(dbFile));
                 var changes = FileChanges.watch(dir)) {
                var runs = new RunStore(reader);
                changes.awaitUntil(() -> runs.lastSeq(runId) >= 6, Duration.ofSeconds(30));
                before = runs.events(runId, 0, Long.MAX_VALUE, 100);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(before).extracting(StoredEvent::name)
                .containsExactly("run.started", "node.started", "node.completed", "node.started", "token", "token");

        try (var t = new TestServer(Database.open(DatabaseUrl.sqlite(dbFile)), ServerConfig.loopback())) {
            var run = t.get("/api/runs/" + runId).body();
            assertThat(run.get("status").stringValue()).isEqualTo("failed");
            assertThat(run.get("error").get("code").stringValue()).isEqualTo("interrupted");
            try (var sse = SseClient.open(t.http, t.url("/api/runs/" + runId + "/events"), null, null)) {
                var frames = sse.untilEnd(Duration.ofSeconds(30));
                assertThat(frames.subList(0, 6)).extracting(SseClient.Frame::data)
                        .containsExactlyElementsOf(before.stream().map(StoredEvent::data).toList());
                assertThat(frames).hasSize(7);
                assertThat(frames.getLast().event()).isEqualTo("run.failed");
                assertThat(frames.getLast().id()).isEqualTo("7");
                assertThat(frames.getLast().data()).contains("\"code\":\"interrupted\"");
            }
        }
    }
}
