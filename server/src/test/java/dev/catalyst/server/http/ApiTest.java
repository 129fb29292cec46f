package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.TestExecutors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTest {
    @TempDir
    static Path dir;
    static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        Path ui = Files.createDirectories(dir.resolve("ui"));
        Files.writeString(ui.resolve("index.html"), "<html>canvas</html>");
        t = new TestServer(dir, ServerConfig.loopback().withMaxBodyBytes(64 * 1024).withUiDir(ui));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void healthNodesAndModels() throws Exception {
        var health = t.get("/api/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").stringValue()).isEqualTo("ok");
        assertThat(health.body().get("version").stringValue()).isEqualTo("test");
        assertThat(health.raw().headers().firstValue("Content-Type")).hasValue("application/json");
        var nodes = t.get("/api/nodes");
        assertThat(nodes.body()).extracting(n -> n.get("type").stringValue()).contains("promptTemplate", "streamResponse");
        var models = t.get("/api/models");
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.body().size()).isGreaterThan(3);
    }

    @Test
    void servesTheCanvasAtTheRoot() throws Exception {
        var r = t.http.send(t.request("/").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("<html>canvas</html>");
    }

    @Test
    void validatesWorkflows() throws Exception {
        var ok = t.post("/api/workflows/validate", TestExecutors.WORKFLOW);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("valid").booleanValue()).isTrue();
        var bad = t.post("/api/workflows/validate", TestExecutors.WORKFLOW.replace("claude-haiku-5-5", "nope"));
        assertThat(bad.body().get("valid").booleanValue()).isFalse();
        assertThat(bad.body().get("errors").get(0).get("nodeId").stringValue()).isEqualTo("claude");
        var malformed = t.post("/api/workflows/validate", "{\"nodes\": [");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorMessage()).startsWith("malformed JSON at line 1");
        assertThat(t.post("/api/workflows/validate", "").errorMessage()).contains("empty");
    }

    @Test
    void storesWorkflows() throws Exception {
        String wf = TestExecutors.WORKFLOW.replace("\"id\": \"hello\"", "\"id\": \"stored-1\"");
        var created = t.post("/api/workflows", wf);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("valid").booleanValue()).isTrue();
        assertThat(t.post("/api/workflows", wf).status()).isEqualTo(409);
        var got = t.get("/api/workflows/stored-1");
        assertThat(got.body().get("name").stringValue()).isEqualTo("Hello");
        assertThat(t.get("/api/workflows").body()).extracting(w -> w.get("id").stringValue()).contains("stored-1");

        var replaced = t.put("/api/workflows/stored-1", wf.replace("\"Hello\"", "\"Renamed\""));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(t.get("/api/workflows/stored-1").body().get("name").stringValue()).isEqualTo("Renamed");
        // PUT without an id takes the path's; a different id is refused
        var fresh = t.put("/api/workflows/stored-2", "{\"schemaVersion\": 1, \"nodes\": []}");
        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fresh.body().get("valid").booleanValue()).isFalse();
        assertThat(t.put("/api/workflows/stored-2", wf).errorMessage()).contains("differs");
        assertThat(t.delete("/api/workflows/stored-2").status()).isEqualTo(204);
        assertThat(t.delete("/api/workflows/stored-2").status()).isEqualTo(404);
        assertThat(t.get("/api/workflows/stored-2").errorCode()).isEqualTo("not_found");
    }

    @Test
    void refusesWorkflowsWithoutAUsableId() throws Exception {
        assertThat(t.post("/api/workflows", "{\"schemaVersion\": 1, \"nodes\": []}").errorMessage()).contains("needs an id");
        assertThat(t.post("/api/workflows", "{\"schemaVersion\": 1, \"id\": \"../x\", \"nodes\": []}").errorMessage()).contains("must be");
        assertThat(t.post("/api/workflows", "[1]").errorMessage()).contains("not a list");
    }

    @Test
    void listsRunHistoryNewestFirstWithALimit() throws Exception {
        String first = t.startRun();
        String second = t.startRun();
        // the server is shared by this class: its other tests' runs may be listed too
        var all = t.get("/api/runs?limit=500");
        assertThat(all.status()).isEqualTo(200);
        var ids = new java.util.ArrayList<String>();
        all.body().get("runs").forEach(r -> ids.add(r.get("id").stringValue()));
        assertThat(ids).contains(first, second);
        assertThat(all.body().get("runs").get(ids.indexOf(second)).has("workflow")).isFalse();
        assertThat(all.body().get("runs").get(ids.indexOf(second)).get("workflowId").stringValue()).isEqualTo("hello");
        assertThat(all.body().get("runs").get(0).get("createdAt").stringValue())
                .isGreaterThanOrEqualTo(all.body().get("runs").get(ids.size() - 1).get("createdAt").stringValue());
        assertThat(t.get("/api/runs?limit=1").body().get("runs").size()).isEqualTo(1);
        // these two runs wait on the shared test stream: end them so they take nothing from other tests
        assertThat(t.post("/api/runs/" + first + "/cancel", "").status()).isEqualTo(200);
        assertThat(t.post("/api/runs/" + second + "/cancel", "").status()).isEqualTo(200);
        for (String bad : new String[] {"0", "501", "ten"}) {
            var r = t.get("/api/runs?limit=" + bad);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorMessage()).isEqualTo("limit must be a whole number from 1 to 500, not '" + bad + "'");
        }
    }

    @Test
    void malformedRunRequestsGet400WithAClearMessage() throws Exception {
        assertThat(t.post("/api/runs", "{").status()).isEqualTo(400);
        assertThat(t.post("/api/runs", "[]").errorMessage()).contains("JSON object");
        assertThat(t.post("/api/runs", "{}").errorMessage()).isEqualTo("workflowId or workflow is required");
        assertThat(t.post("/api/runs", "{\"workflowId\": \"a\", \"workflow\": {}}").errorMessage()).contains("not both");
        assertThat(t.post("/api/runs", "{\"workflowId\": 5}").errorMessage()).contains("must be a string");
        assertThat(t.post("/api/runs", "{\"workflow\": 5}").errorMessage()).contains("workflow object");
        assertThat(t.post("/api/runs", "{\"workflowID\": \"x\"}").errorMessage()).contains("unknown field 'workflowID'");
        var shape = t.post("/api/runs", "{\"workflow\": {\"schemaVersion\": 1, \"nodes\": 3}}");
        assertThat(shape.errorCode()).isEqualTo("validation_failed");
        assertThat(shape.body().get("error").get("errors").get(0).get("field").stringValue()).isEqualTo("nodes");
        var invalid = t.post("/api/runs", "{\"workflow\": " + TestExecutors.WORKFLOW.replace("claude-haiku-5-5", "nope") + "}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorCode()).isEqualTo("validation_failed");
        assertThat(invalid.body().get("error").get("errors").get(0).get("nodeId").stringValue()).isEqualTo("claude");
        var inputs = t.post("/api/runs", "{\"workflow\": " + TestExecutors.WORKFLOW + ", \"inputs\": {\"topic\": 3, \"nope\": 1}}");
        assertThat(inputs.status()).isEqualTo(400);
        assertThat(inputs.body().get("error").get("problems")).hasSize(2);
        assertThat(t.post("/api/runs", "{\"workflowId\": \"missing\"}").status()).isEqualTo(404);
    }

    @Test
    void unknownRunsAndEndpointsGet404() throws Exception {
        var run = t.get("/api/runs/does-not-exist");
        assertThat(run.status()).isEqualTo(404);
        assertThat(run.errorCode()).isEqualTo("not_found");
        assertThat(run.errorMessage()).contains("does-not-exist");
        assertThat(t.get("/api/runs/does-not-exist/events").status()).isEqualTo(404);
        assertThat(t.post("/api/runs/does-not-exist/cancel", "").status()).isEqualTo(404);
        var endpoint = t.get("/api/nothing-here");
        assertThat(endpoint.status()).isEqualTo(404);
        assertThat(endpoint.errorMessage()).isEqualTo("no such endpoint: GET /api/nothing-here");
    }

    @Test
    void bodiesOverTheLimitGet413() throws Exception {
        String big = "{\"x\": \"" + "a".repeat(70 * 1024) + "\"}";
        // the 413 goes out before the body is read; a client that waits for 100-continue never sends a body
        // the server refused (one that streams it anyway may see the connection reset before the answer)
        var r = t.send(t.request("/api/workflows/validate").header("Content-Type", "application/json").expectContinue(true)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(big)));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("payload_too_large");
        // a chunked body (no Content-Length) is counted while it is read
        var chunked = t.send(t.request("/api/workflows/validate").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))));
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void aStoredWorkflowRunsByIdAndReportsItsResult() throws Exception {
        String wf = TestExecutors.WORKFLOW.replace("\"id\": \"hello\"", "\"id\": \"by-id\"");
        assertThat(t.post("/api/workflows", wf).status()).isEqualTo(201);
        t.nodes.feed("Hi", " there", TestExecutors.END);
        var started = t.post("/api/runs", "{\"workflowId\": \"by-id\", \"inputs\": {\"topic\": \"seals\"}}");
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.body().get("status").stringValue()).isEqualTo("running");
        String id = started.body().get("id").stringValue();
        assertThat(started.raw().headers().firstValue("Location")).hasValue("/api/runs/" + id);
        try (var sse = SseClient.open(t.http, t.url("/api/runs/" + id + "/events"), null, null)) {
            assertThat(sse.untilEnd(Duration.ofSeconds(30)).getLast().event()).isEqualTo("run.completed");
        }
        var run = t.get("/api/runs/" + id).body();
        assertThat(run.get("status").stringValue()).isEqualTo("completed");
        assertThat(run.get("workflowId").stringValue()).isEqualTo("by-id");
        assertThat(run.get("inputs").get("topic").stringValue()).isEqualTo("seals");
        assertThat(run.get("outputs").get("answer").stringValue()).isEqualTo("Hi there");
        var claude = run.get("nodes").get(1);
        assertThat(claude.get("nodeId").stringValue()).isEqualTo("claude");
        assertThat(claude.get("latencyMs").isNumber()).isTrue();
        assertThat(claude.get("ttftMs").isNumber()).isTrue();
        assertThat(run.get("usage").get("outputTokens").asLong()).isEqualTo(8);
        assertThat(run.get("costUsd").decimalValue()).isEqualByComparingTo("0.002");
        var ended = t.post("/api/runs/" + id + "/cancel", "");
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.errorCode()).isEqualTo("run_finished");
        assertThat(ended.errorMessage()).isEqualTo("run " + id + " already ended: completed");
    }

    @Test
    void theRunServicesRefusalsBecomeTheContractsStatusAndCode() throws Exception {
        var missing = t.post("/api/runs", "{\"workflowId\": \"missing\"}");
        assertThat(missing.errorCode()).isEqualTo("not_found");
        assertThat(missing.errorMessage()).isEqualTo("no workflow with id 'missing'");
        // a stored row that no longer decodes is our fault, not the caller's
        new dev.catalyst.server.store.WorkflowStore(t.db).create("damaged", "Damaged", "{ not json");
        var damaged = t.post("/api/runs", "{\"workflowId\": \"damaged\"}");
        assertThat(damaged.status()).isEqualTo(500);
        assertThat(damaged.errorCode()).isEqualTo("server_error");
        assertThat(damaged.errorMessage()).isEqualTo("stored workflow 'damaged' is not valid JSON");
        var inputs = t.post("/api/runs", "{\"workflow\": " + TestExecutors.WORKFLOW + ", \"inputs\": [1]}");
        assertThat(inputs.status()).isEqualTo(400);
        assertThat(inputs.errorCode()).isEqualTo("invalid_request");
        assertThat(inputs.body().get("error").get("problems").get(0).stringValue()).contains("inputs must be an object");
    }
}
