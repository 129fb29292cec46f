package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.TestExecutors;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** ADR 23 over HTTP: a disabled node neither runs, nor shows up in the events or the stored run. */
class DisabledNodeRunTest {
    // hello, plus a second completion that is disabled and names a credential that does not exist
    static final String WORKFLOW = TestExecutors.WORKFLOW.replace("\"id\": \"hello\"", "\"id\": \"dis\"")
            .replace("{ \"id\": \"answer\", \"type\": \"streamResponse\" } ],",
                    "{ \"id\": \"answer\", \"type\": \"streamResponse\" },"
                            + " { \"id\": \"other\", \"type\": \"anthropicCompletion\", \"disabled\": true,"
                            + "   \"config\": { \"model\": \"claude-haiku-5-5\", \"credential\": \"no-such-key\" } } ],")
            .replace("\"edges\": [", "\"edges\": [ { \"source\": \"prompt\", \"sourcePort\": \"messages\","
                    + " \"target\": \"other\", \"targetPort\": \"messages\" },")
            .replace("\"outputs\": { \"answer\": \"{{ nodes.answer.output.text }}\" }",
                    "\"outputs\": { \"answer\": \"{{ nodes.answer.output.text }}\", \"other\": \"{{ nodes.other.output.text }}\" }");

    @TempDir
    static Path dir;
    static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(dir, ServerConfig.loopback());
        var saved = t.post("/api/workflows", WORKFLOW);
        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(201);
        // stored as sent: the field survives the server's round trip
        assertThat(t.get("/api/workflows/dis").body().toString()).contains("\"disabled\":true");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void validationWarnsAboutTheDisabledNodeButDoesNotBlock() throws Exception {
        var r = t.post("/api/workflows/validate", WORKFLOW);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("valid").booleanValue()).isTrue();
        var codes = new ArrayList<String>();
        for (JsonNode i : r.body().get("errors")) {
            assertThat(i.get("severity").stringValue()).isEqualTo("warning");
            codes.add(i.get("nodeId").isNull() ? i.get("field").stringValue() + ":" + i.get("code").stringValue()
                    : i.get("nodeId").stringValue() + ":" + i.get("code").stringValue());
        }
        assertThat(codes).contains("other:unknown_credential", "outputs.other:skipped_output");
    }

    @Test
    void aRunSkipsTheDisabledNodeInItsEventsOutputsAndStoredRecord() throws Exception {
        t.nodes.feed("Hi", TestExecutors.END);
        var req = t.request("/api/workflows/dis/invoke").header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {}}"));
        HttpResponse<String> r = t.http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        String runId = r.headers().firstValue("x-catalyst-run-id").orElseThrow();
        String events = r.body();
        assertThat(events).contains("event: node.started", "\"nodeId\":\"claude\"", "event: run.completed");
        // no event names the disabled node, and no new event kind was invented for it
        assertThat(events).doesNotContain("\"nodeId\":\"other\"").doesNotContain("skipped");
        String completed = events.substring(events.indexOf("event: run.completed"));
        JsonNode outputs = Json.parse(completed.substring(completed.indexOf("data: ") + 6).strip()).get("outputs");
        assertThat(outputs.get("answer").stringValue()).isEqualTo("Hi");
        assertThat(outputs.has("other")).isFalse();

        var stored = t.get("/api/runs/" + runId).body();
        assertThat(stored.get("status").stringValue()).isEqualTo("completed");
        var recorded = new ArrayList<String>();
        stored.get("nodes").forEach(n -> recorded.add(n.get("nodeId").stringValue()));
        assertThat(recorded).containsExactly("prompt", "claude", "answer");
        assertThat(stored.get("outputs").has("other")).isFalse();
    }

    @Test
    void aWorkflowWithEveryNodeDisabledIsRefusedWithAClearMessage() throws Exception {
        String all = WORKFLOW.replace("\"type\": \"promptTemplate\",", "\"type\": \"promptTemplate\", \"disabled\": true,");
        var r = t.post("/api/runs", "{\"workflow\": " + all + ", \"inputs\": {}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("nothing would run");
    }
}
