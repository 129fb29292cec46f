package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.testkit.fake.Fault;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ChatCompletionsTest {
    @TempDir
    static Path dir;
    static GatewayServer g;

    static final String HELLO = """
        { "schemaVersion": 1, "id": "hello", "name": "Hello",
          "inputs": { "topic": { "type": "string", "default": "otters" } },
          "nodes": [
            { "id": "prompt", "type": "promptTemplate", "config": { "template": "Write one line about {{ topic }}." } },
            { "id": "claude", "type": "anthropicCompletion", "config": { "model": "claude-haiku-5-5", "maxTokens": 64 } },
            { "id": "answer", "type": "streamResponse" } ],
          "edges": [
            { "source": "prompt", "sourcePort": "messages", "target": "claude", "targetPort": "messages" },
            { "source": "claude", "sourcePort": "text", "target": "answer", "targetPort": "text" } ],
          "outputs": { "answer": "{{ nodes.answer.output.text }}" } }
        """;

    @BeforeAll
    static void start() throws Exception {
        g = new GatewayServer(dir, ServerConfig.loopback());
        assertThat(g.post("/api/workflows", HELLO).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        g.close();
    }

    static String chat(String model, boolean stream, String extra) {
        return "{\"model\": \"" + model + "\", \"stream\": " + stream + ", \"messages\": ["
                + "{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Tell me about {{ otters }}\"}]"
                + extra + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai/gpt-6.1-sol", "anthropic/claude-haiku-5-5", "groq/openai/gpt-oss-20b"})
    void answersWholeAndStreamedPerProvider(String model) throws Exception {
        var whole = g.post("/v1/chat/completions", chat(model, false, ""));
        assertThat(whole.status()).as(whole.raw().body()).isEqualTo(200);
        JsonNode body = whole.body();
        assertThat(body.get("object").stringValue()).isEqualTo("chat.completion");
        assertThat(body.get("model").stringValue()).isEqualTo(model);
        String runId = whole.header("x-catalyst-run-id");
        assertThat(body.get("id").stringValue()).isEqualTo("chatcmpl-" + runId);
        assertThat(Double.parseDouble(whole.header("x-catalyst-overhead-ms"))).isGreaterThanOrEqualTo(0);
        JsonNode choice = body.get("choices").get(0);
        String text = choice.get("message").get("content").stringValue();
        assertThat(text).isNotBlank();
        // the template-looking text reached the model as data: the fake's reply picks up the user's words
        assertThat(choice.get("finish_reason").stringValue()).isEqualTo("stop");
        assertThat(body.get("usage").get("completion_tokens").asLong()).isPositive();
        assertThat(body.get("usage").get("cost_usd").decimalValue()).isPositive();
        // a recorded run
        var run = g.get("/api/runs/" + runId);
        assertThat(run.body().get("status").stringValue()).isEqualTo("completed");

        var streamed = g.post("/v1/chat/completions", chat(model, true, ", \"stream_options\": {\"include_usage\": true}"));
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.header("Content-Type")).startsWith("text/event-stream");
        List<String> data = GatewayServer.data(streamed.raw().body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        JsonNode first = Json.parse(data.getFirst());
        assertThat(first.get("object").stringValue()).isEqualTo("chat.completion.chunk");
        assertThat(first.get("choices").get(0).get("delta").get("role").stringValue()).isEqualTo("assistant");
        var joined = new StringBuilder();
        String finish = null;
        for (String d : data.subList(0, data.size() - 2)) {
            JsonNode c = Json.parse(d);
            assertThat(c.get("id").stringValue()).isEqualTo("chatcmpl-" + streamed.header("x-catalyst-run-id"));
            JsonNode ch = c.get("choices").get(0);
            joined.append(ch.get("delta").path("content").asString(""));
            if (!ch.get("finish_reason").isNull()) finish = ch.get("finish_reason").stringValue();
        }
        assertThat(joined.toString()).isEqualTo(text); // same prompt, same simulated answer
        assertThat(finish).isEqualTo("stop");
        JsonNode usage = Json.parse(data.get(data.size() - 2));
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.get("usage").get("total_tokens").asLong()).isPositive();
    }

    @Test
    void toolCallsComeAsOpenAiToolCalls() throws Exception {
        String tools = ", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"parameters\":"
                + " {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}}]";
        var whole = g.post("/v1/chat/completions", chat("anthropic/claude-haiku-5-5", false, tools));
        assertThat(whole.status()).as(whole.raw().body()).isEqualTo(200);
        JsonNode choice = whole.body().get("choices").get(0);
        assertThat(choice.get("finish_reason").stringValue()).isEqualTo("tool_calls");
        JsonNode call = choice.get("message").get("tool_calls").get(0);
        assertThat(call.get("type").stringValue()).isEqualTo("function");
        assertThat(call.get("function").get("name").stringValue()).isEqualTo("get_weather");
        assertThat(Json.parse(call.get("function").get("arguments").stringValue()).has("city")).isTrue();

        var streamed = g.post("/v1/chat/completions", chat("openai/gpt-6.1-sol", true, tools));
        List<String> data = GatewayServer.data(streamed.raw().body());
        JsonNode toolChunk = data.stream().map(Json::parse).filter(c -> c.path("choices").path(0).path("delta").has("tool_calls"))
                .findFirst().orElseThrow();
        JsonNode delta = toolChunk.get("choices").get(0).get("delta").get("tool_calls").get(0);
        assertThat(delta.get("index").asInt()).isZero();
        assertThat(delta.get("id").stringValue()).isNotBlank();
        assertThat(Json.parse(data.get(data.size() - 2)).get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("tool_calls");
    }

    /** The SDK's tool loop, second turn: the history holds the assistant's call and the tool's result. */
    static String toolConversation(String model) {
        return "{\"model\": \"" + model + "\", \"messages\": ["
                + "{\"role\": \"user\", \"content\": \"Weather in Oslo?\"},"
                + "{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"call_7\", \"type\": \"function\","
                + " \"function\": {\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Oslo\\\"}\"}}]},"
                + "{\"role\": \"tool\", \"tool_call_id\": \"call_7\", \"content\": \"{{ 4 degrees }} and rain\"}],"
                + " \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"parameters\":"
                + " {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}}}]}";
    }

    @Test
    void aToolResultReachesOpenAiAsAToolMessage() throws Exception {
        var r = g.post("/v1/chat/completions", toolConversation("openai/gpt-6.1-sol"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        JsonNode choice = r.body().get("choices").get(0);
        assertThat(choice.get("finish_reason").stringValue()).isEqualTo("stop");
        assertThat(choice.get("message").get("content").stringValue()).contains("4 degrees");

        JsonNode sent = g.sim.openai().lastRequest().json().get("messages");
        assertThat(sent).hasSize(3);
        JsonNode call = sent.get(1).get("tool_calls").get(0);
        assertThat(call.get("id").stringValue()).isEqualTo("call_7");
        assertThat(call.get("function").get("name").stringValue()).isEqualTo("get_weather");
        assertThat(Json.parse(call.get("function").get("arguments").stringValue()).get("city").stringValue()).isEqualTo("Oslo");
        JsonNode result = sent.get(2);
        assertThat(result.get("role").stringValue()).isEqualTo("tool");
        assertThat(result.get("tool_call_id").stringValue()).isEqualTo("call_7");
        // the result is data: its braces were not read as a template
        assertThat(result.get("content").stringValue()).isEqualTo("{{ 4 degrees }} and rain");
    }

    @Test
    void aToolResultReachesAnthropicAsAToolResultBlock() throws Exception {
        var r = g.post("/v1/chat/completions", toolConversation("anthropic/claude-haiku-5-5"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.body().get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("stop");

        JsonNode sent = g.sim.anthropic().lastRequest().json().get("messages");
        assertThat(sent).hasSize(3);
        JsonNode use = sent.get(1).get("content").get(0);
        assertThat(use.get("type").stringValue()).isEqualTo("tool_use");
        assertThat(use.get("id").stringValue()).isEqualTo("call_7");
        assertThat(use.get("input").get("city").stringValue()).isEqualTo("Oslo");
        assertThat(sent.get(2).get("role").stringValue()).isEqualTo("user");
        JsonNode block = sent.get(2).get("content").get(0);
        assertThat(block.get("type").stringValue()).isEqualTo("tool_result");
        assertThat(block.get("tool_use_id").stringValue()).isEqualTo("call_7");
        assertThat(block.get("content").stringValue()).isEqualTo("{{ 4 degrees }} and rain");
    }

    @Test
    void aToolMessageWithoutItsCallIdIsRefused() throws Exception {
        String body = "{\"model\": \"openai/gpt-6.1-sol\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"},"
                + " {\"role\": \"tool\", \"content\": \"42\"}]}";
        var r = g.post("/v1/chat/completions", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("error").get("param").stringValue()).isEqualTo("messages[1].tool_call_id");
    }

    @Test
    void jsonSchemaResponseFormatReachesTheModel() throws Exception {
        String format = ", \"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"name\": \"answer\", \"schema\":"
                + " {\"type\": \"object\", \"properties\": {\"topic\": {\"type\": \"string\"}}, \"required\": [\"topic\"]}}}";
        var r = g.post("/v1/chat/completions", chat("openai/gpt-6.1-sol", false, format));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        JsonNode answer = Json.parse(r.body().get("choices").get(0).get("message").get("content").stringValue());
        assertThat(answer.has("topic")).isTrue();
        assertThat(g.sim.openai().lastRequest().body()).contains("json_schema");
    }

    @Test
    void aRouterPresetAnswersAndCosts() throws Exception {
        var r = g.post("/v1/chat/completions", chat("router/cost", false, ""));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.body().get("choices").get(0).get("message").get("content").stringValue()).isNotBlank();
        assertThat(r.body().get("usage").get("cost_usd").decimalValue()).isPositive();
    }

    @Test
    void aStoredWorkflowStreamsItsAnswerAsChatChunks() throws Exception {
        var streamed = g.post("/v1/chat/completions", "{\"model\": \"workflow/hello\", \"stream\": true,"
                + " \"messages\": [{\"role\": \"user\", \"content\": \"herons\"}]}");
        assertThat(streamed.status()).as(streamed.raw().body()).isEqualTo(200);
        List<String> data = GatewayServer.data(streamed.raw().body());
        var joined = new StringBuilder();
        for (String d : data.subList(0, data.size() - 1)) joined.append(Json.parse(d).get("choices").get(0).get("delta").path("content").asString(""));
        var run = g.get("/api/runs/" + streamed.header("x-catalyst-run-id"));
        assertThat(run.body().get("inputs").get("topic").stringValue()).isEqualTo("herons");
        assertThat(joined.toString()).isNotBlank().isEqualTo(run.body().get("outputs").get("answer").stringValue());
    }

    @Test
    void refusalsUseOpenAisErrorShape() throws Exception {
        var n = g.post("/v1/chat/completions", chat("openai/gpt-6.1-sol", false, ", \"n\": 2"));
        assertThat(n.status()).isEqualTo(400);
        assertThat(n.body().get("error").get("type").stringValue()).isEqualTo("invalid_request_error");
        assertThat(n.body().get("error").get("param").stringValue()).isEqualTo("n");
        var unknown = g.post("/v1/chat/completions", chat("openai/no-such-model", false, ""));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error").get("code").stringValue()).isEqualTo("model_not_found");
        var noWorkflow = g.post("/v1/chat/completions", chat("workflow/nope", false, ""));
        assertThat(noWorkflow.status()).isEqualTo(404);
        var noMessages = g.post("/v1/chat/completions", "{\"model\": \"openai/gpt-6.1-sol\"}");
        assertThat(noMessages.body().get("error").get("param").stringValue()).isEqualTo("messages");
        var path = g.post("/v1/nothing", "{}");
        assertThat(path.status()).isEqualTo(404);
        assertThat(path.body().get("error").has("type")).isTrue();
    }

    @Test
    void anUpstreamRateLimitIsA429WithItsRetryAfter() throws Exception {
        g.sim.openai().enqueue(Fault.HTTP_429_RETRY_AFTER);
        var r = g.post("/v1/chat/completions", chat("openai/gpt-6.1-sol", true, ""));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(429);
        assertThat(r.header("retry-after")).isNotNull();
        assertThat(Json.parse(r.raw().body()).get("error").get("type").stringValue()).isEqualTo("rate_limit_error");
        // recorded too, as failed
        assertThat(g.get("/api/runs/" + r.header("x-catalyst-run-id")).body().get("status").stringValue()).isEqualTo("failed");
    }

    @Test
    void listsModelsInOpenAisShape() throws Exception {
        var list = g.get("/v1/models");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("object").stringValue()).isEqualTo("list");
        List<String> ids = list.body().get("data").valueStream().map(m -> m.get("id").stringValue()).toList();
        assertThat(ids).contains("openai/gpt-6.1-sol", "anthropic/claude-haiku-5-5", "router/cost", "workflow/hello");
        var one = g.get("/v1/models/anthropic/claude-haiku-5-5");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("object").stringValue()).isEqualTo("model");
        assertThat(one.body().get("owned_by").stringValue()).isEqualTo("anthropic");
        assertThat(g.get("/v1/models/workflow/hello").status()).isEqualTo(200);
        assertThat(g.get("/v1/models/openai/nope").body().get("error").get("code").stringValue()).isEqualTo("model_not_found");
    }

    @Test
    void aModelIdWithAnEncodedSlashIsFoundAndOtherPathsStillRefuseIt() throws Exception {
        // as the OpenAI SDK's models.retrieve() sends it
        var one = g.get("/v1/models/groq%2Fopenai%2Fgpt-oss-20b");
        assertThat(one.status()).as(one.raw().body()).isEqualTo(200);
        assertThat(one.body().get("id").stringValue()).isEqualTo("groq/openai/gpt-oss-20b");
        assertThat(g.get("/v1/models/openai%2Fnope").status()).isEqualTo(404);
        // anywhere else an encoded slash stays ambiguous: refused before auth, routing or files
        for (String path : List.of("/api/workflows%2Fhello", "/v1/chat%2Fcompletions", "/assets%2Findex.js", "/v1/models%2F..%2F..%2Fapi%2Fsecrets")) {
            var r = g.get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.raw().body()).as(path).contains("Ambiguous URI path separator");
        }
        var posted = g.post("/v1/models/openai%2Fgpt-6.1-sol", "{}");
        assertThat(posted.status()).isEqualTo(400);
        // Jetty's own refusal in each path's error shape: OpenAI's under /v1, the contract's under /api
        assertThat(g.get("/v1/chat%2Fcompletions").body().get("error").get("type").stringValue()).isEqualTo("invalid_request_error");
        JsonNode api = g.get("/api/workflows%2Fhello").body().get("error");
        assertThat(api.get("code").stringValue()).isEqualTo("invalid_request");
        assertThat(api.has("type")).isFalse();
    }

    @Test
    void jettysOwnRefusalsOnV1UseOpenAisShape(@TempDir Path own) throws Exception {
        try (var small = new GatewayServer(own, ServerConfig.loopback().withMaxBodyBytes(4096))) {
            String big = chat("openai/gpt-6.1-sol", false, ", \"user\": \"" + "a".repeat(8192) + "\"");
            // Jetty refuses the body before any handler of ours reads it
            var r = small.send(small.request("/v1/chat/completions").header("Content-Type", "application/json").expectContinue(true)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(big)));
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.body().get("error").get("type").stringValue()).as(r.raw().body()).isEqualTo("invalid_request_error");
            assertThat(r.body().get("error").get("code").stringValue()).isEqualTo("payload_too_large");
            var api = small.send(small.request("/api/workflows/validate").header("Content-Type", "application/json").expectContinue(true)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(big)));
            assertThat(api.status()).isEqualTo(413);
            assertThat(api.body().get("error").has("type")).isFalse();
        }
    }
}
