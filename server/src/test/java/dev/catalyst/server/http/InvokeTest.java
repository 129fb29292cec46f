package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.TestExecutors;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeTest {
    @TempDir
    static Path dir;
    static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(dir, ServerConfig.loopback());
        var saved = t.post("/api/workflows", TestExecutors.WORKFLOW.replace("\"id\": \"hello\"", "\"id\": \"inv\""));
        assertThat(saved.status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void answersWithTheFinishedRunInOneCall() throws Exception {
        t.nodes.feed("Hi", " there", TestExecutors.END);
        var r = t.post("/api/workflows/inv/invoke", "{\"inputs\": {\"topic\": \"owls\"}}");
        assertThat(r.status()).isEqualTo(200);
        String runId = r.body().get("runId").stringValue();
        assertThat(r.raw().headers().firstValue("x-catalyst-run-id")).hasValue(runId);
        assertThat(r.body().get("status").stringValue()).isEqualTo("completed");
        assertThat(r.body().get("outputs").get("answer").stringValue()).isEqualTo("Hi there");
        assertThat(r.body().get("usage").get("inputTokens").asLong()).isEqualTo(3);
        assertThat(r.body().get("costUsd").decimalValue()).isEqualByComparingTo("0.002");
        // a recorded run: the history has it, finished
        var stored = t.get("/api/runs/" + runId);
        assertThat(stored.body().get("status").stringValue()).isEqualTo("completed");
        assertThat(stored.body().get("inputs").get("topic").stringValue()).isEqualTo("owls");
    }

    @Test
    void aFailedRunIsAnsweredWithItsError() throws Exception {
        t.nodes.feed("par", TestExecutors.FAIL);
        var r = t.post("/api/workflows/inv/invoke", "{}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("status").stringValue()).isEqualTo("failed");
        assertThat(r.body().get("error").get("code").stringValue()).isEqualTo("stream_interrupted");
    }

    @Test
    void streamsTheRunsEventsWhenAskedFor() throws Exception {
        t.nodes.feed("a", "b", TestExecutors.END);
        var req = t.request("/api/workflows/inv/invoke").header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {}}"));
        HttpResponse<String> r = t.http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(r.headers().firstValue("x-catalyst-run-id")).isPresent();
        assertThat(r.body()).contains("event: run.started", "event: token", "\"text\":\"b\"").endsWith("\n\n");
        assertThat(r.body().strip()).contains("event: run.completed");
    }

    @Test
    void refusesUnknownWorkflowsAndFields() throws Exception {
        var missing = t.post("/api/workflows/nope/invoke", "{}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorMessage()).contains("nope");
        var extra = t.post("/api/workflows/inv/invoke", "{\"workflowId\": \"x\"}");
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.errorMessage()).contains("unknown field 'workflowId'");
        var badInput = t.post("/api/workflows/inv/invoke", "{\"inputs\": {\"topic\": 3, \"zzz\": 1}}");
        assertThat(badInput.status()).isEqualTo(400);
    }

    @Test
    void aWorkflowModelStreamsEachTokenAsItIsProducedNotBuffered() throws Exception {
        // the status waits for the first token (a run failing before it still gets its own status)
        t.nodes.feed("one");
        try (var sse = SseClient.post(t.http, t.url("/v1/chat/completions"),
                "{\"model\": \"workflow/inv\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"owls\"}]}", null)) {
            assertThat(sse.response.statusCode()).isEqualTo(200);
            var role = dev.catalyst.core.json.Json.parse(sse.nextEvent(java.time.Duration.ofSeconds(30)).data());
            assertThat(role.get("choices").get(0).get("delta").get("role").stringValue()).isEqualTo("assistant");
            for (String token : java.util.List.of("one", "two", "three")) {
                if (!token.equals("one")) t.nodes.feed(token);
                // the next token is produced only after this one reached the client: buffering would hang here
                var chunk = dev.catalyst.core.json.Json.parse(sse.nextEvent(java.time.Duration.ofSeconds(30)).data());
                assertThat(chunk.get("choices").get(0).get("delta").get("content").stringValue()).isEqualTo(token);
            }
            t.nodes.feed(TestExecutors.END);
            var finish = dev.catalyst.core.json.Json.parse(sse.nextEvent(java.time.Duration.ofSeconds(30)).data());
            assertThat(finish.get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("stop");
            assertThat(sse.nextEvent(java.time.Duration.ofSeconds(30)).data()).isEqualTo("[DONE]");
        }
    }
}
