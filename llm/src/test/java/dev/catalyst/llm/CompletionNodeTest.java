package dev.catalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.testkit.ProviderCorpus;
import dev.catalyst.testkit.fake.Fault;
import dev.catalyst.testkit.fake.FaultTiming;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CompletionNodeTest {
    static Fakes fakes;
    static Map<String, NodeExecutor> nodes;
    /** The same nodes with short timeouts, for the faults that must time out (a hang, a stall, a slow first byte). */
    static Map<String, NodeExecutor> hasty;

    @BeforeAll
    static void start() {
        fakes = new Fakes();
        nodes = executors(fakes.patient());
        hasty = executors(fakes.settings);
    }

    private static Map<String, NodeExecutor> executors(dev.catalyst.llm.http.ProviderSettings settings) {
        var routerState = new dev.catalyst.llm.router.RouterState(java.time.Clock.fixed(java.time.Instant.parse("2026-11-25T12:00:00Z"),
                java.time.ZoneOffset.UTC), dev.catalyst.llm.router.RouterState.Settings.defaults());
        return LlmNodes.executors(settings, new PlainTextRenderer(), new dev.catalyst.core.expr.ExpressionService(dev.catalyst.core.expr.ExpressionLimits.DEFAULT), routerState);
    }

    @BeforeEach
    void reset() {
        for (String p : new String[] {"anthropic", "openai", "groq"}) {
            fakes.of(p).reset().faultTiming(new FaultTiming(Duration.ofSeconds(3), Duration.ofSeconds(3), 1, 20));
        }
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    static String type(String p) {
        return p + "Completion";
    }

    static NodeOutput run(String p, String config, Map<String, JsonNode> inputs, TestContext ctx) throws Exception {
        return run(nodes, p, config, inputs, ctx);
    }

    static NodeOutput run(Map<String, NodeExecutor> with, String p, String config, Map<String, JsonNode> inputs, TestContext ctx) throws Exception {
        return with.get(type(p)).execute(new NodeCall("llm", type(p), (ObjectNode) Json.parse(config), inputs, ctx));
    }

    static Map<String, JsonNode> prompt(String text) {
        return Map.of("prompt", Json.valueToTree(text));
    }

    @Test
    void factoryOffersTheThreeCompletionNodes() {
        assertThat(nodes).containsOnlyKeys("anthropicCompletion", "openaiCompletion", "groqCompletion", "llmRouter", "embeddingGenerate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void streamedAndNotStreamedGiveIdenticalTextUsageAndCost(String p) throws Exception {
        var streamedCtx = new TestContext();
        NodeOutput streamed = run(p, "{\"model\":\"" + Fakes.model(p) + "\",\"stream\":true,\"system\":\"You are helpful.\"}",
                prompt("Tell me about otters"), streamedCtx);
        var wholeCtx = new TestContext();
        NodeOutput whole = run(p, "{\"model\":\"" + Fakes.model(p) + "\",\"stream\":false,\"system\":\"You are helpful.\"}",
                prompt("Tell me about otters"), wholeCtx);
        assertThat(streamed.values().get("text")).isEqualTo(whole.values().get("text"));
        assertThat(streamed.usage()).isEqualTo(whole.usage());
        assertThat(streamed.costUsd()).isEqualTo(whole.costUsd()).isPositive();
        var info = ModelCatalog.builtIn().resolve(p, Fakes.model(p)).orElseThrow().model();
        assertThat(streamed.costUsd()).isEqualTo(ModelCatalog.cost(info, streamed.usage()));
        assertThat(streamedCtx.tokens.size()).isGreaterThan(3);
        assertThat(streamedCtx.text()).isEqualTo(streamed.values().get("text").asString());
        assertThat(wholeCtx.tokens).containsExactly(whole.values().get("text").asString());
        JsonNode usage = streamed.values().get("usage");
        assertThat(usage.propertyNames()).containsExactlyInAnyOrder("inputTokens", "outputTokens", "cachedInputTokens", "totalTokens");
        assertThat(usage.get("totalTokens").asLong()).isEqualTo(usage.get("inputTokens").asLong() + usage.get("outputTokens").asLong());
        JsonNode model = streamed.values().get("model");
        assertThat(model.get("provider").asString()).isEqualTo(p);
        assertThat(model.get("model").asString()).isEqualTo(Fakes.model(p));
        assertThat(model.get("credential").asString()).isEqualTo(p);
        assertThat(model.get("nodeId").asString()).isEqualTo("llm");
        assertThat(model.get("params").has("maxTokens")).isTrue();
        assertThat(streamed.values().get("message").get("role").asString()).isEqualTo("assistant");
        assertThat(streamed.values().get("toolCalls").isArray()).isTrue();
        assertThat(streamed.ttftMs()).isNotNull();
        assertThat(fakes.of(p).lastRequest().body()).contains("You are helpful.");
    }

    @Test
    void messagesInputWithHistoryAndTools() throws Exception {
        var msgs = Json.parse("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Weather in SF?\"}]");
        String cfg = "{\"model\":\"gpt-6.1-sol\",\"toolChoice\":\"required\",\"tools\":[{\"name\":\"get_weather\",\"description\":\"d\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}}]}";
        NodeOutput out = run("openai", cfg, Map.of("messages", msgs), new TestContext());
        JsonNode calls = out.values().get("toolCalls");
        assertThat(calls.get(0).get("name").asString()).isEqualTo("get_weather");
        assertThat(calls.get(0).at("/arguments/location").asString()).isEqualTo("San Francisco, CA");
        assertThat(out.values().at("/message/toolCalls/0/id").asString()).isEqualTo(calls.get(0).get("id").asString());
        var sent = fakes.openai.lastRequest().json();
        assertThat(sent.path("tool_choice").asString()).isEqualTo("required");
        assertThat(sent.path("parallel_tool_calls").asBoolean()).isTrue();

        var followUp = Json.parse("[{\"role\":\"user\",\"content\":\"Weather in SF?\"},{\"role\":\"assistant\",\"content\":null,\"toolCalls\":"
                + calls + "},{\"role\":\"tool\",\"toolCallId\":\"" + calls.get(0).get("id").asString() + "\",\"content\":\"18C\"}]");
        NodeOutput answer = run("anthropic", "{\"model\":\"claude-sonnet-5-5\",\"maxTokens\":100,\"temperature\":0.3,\"stopSequences\":[\"###\"]}",
                Map.of("messages", followUp), new TestContext());
        assertThat(answer.values().get("text").asString()).contains("18C");
    }

    @Test
    void groqOptionsAndJsonModes() throws Exception {
        NodeOutput out = run("groq", "{\"model\":\"openai/gpt-oss-120b\",\"responseFormat\":\"json_object\",\"seed\":7,\"reasoningEffort\":\"low\","
                + "\"serviceTier\":\"on_demand\",\"presencePenalty\":0.1,\"frequencyPenalty\":0.2,\"topP\":0.9}", prompt("about otters"), new TestContext());
        assertThat(Json.parse(out.values().get("text").asString()).path("topic").asString()).isEqualTo("otters");
        var sent = fakes.groq.lastRequest().json();
        assertThat(sent.path("seed").asInt()).isEqualTo(7);
        assertThat(sent.path("reasoning_effort").asString()).isEqualTo("low");
        assertThat(sent.path("service_tier").asString()).isEqualTo("on_demand");
        assertThat(sent.path("response_format").path("type").asString()).isEqualTo("json_object");
        NodeOutput schema = run("openai", "{\"model\":\"gpt-6.1-sol\",\"stream\":false,\"responseFormat\":\"json_schema\",\"jsonSchema\":{\"name\":\"n\","
                + "\"schema\":{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}}}", prompt("x"), new TestContext());
        assertThat(Json.parse(schema.values().get("text").asString()).path("ok").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "http_401, AUTH", "http_413, INVALID_REQUEST", "http_429_retry_after_ms, RATE_LIMITED", "http_500, SERVER_ERROR",
        "http_529_overloaded, OVERLOADED", "http_498_flex, OVERLOADED"
    })
    void httpFaultsFailTheNodeWithTheirCode(String fault, ErrorCode code) {
        for (String p : new String[] {"anthropic", "openai", "groq"}) {
            var ctx = new TestContext();
            var f = Fault.parse(fault).orElseThrow();
            if (code.retryable()) fakes.of(p).enqueue(f, f, f);
            else fakes.of(p).enqueue(f);
            assertThatThrownBy(() -> run(p, "{\"model\":\"" + Fakes.model(p) + "\"}", prompt("about otters"), ctx))
                    .isInstanceOfSatisfying(NodeException.class, e -> {
                        assertThat(e.code()).as(p + " " + fault).isEqualTo(code);
                        assertThat(e.getMessage()).doesNotContain(Fakes.KEY.reveal());
                        if (code == ErrorCode.RATE_LIMITED) assertThat(e.retryAfterMs()).isEqualTo(20L);
                    });
            assertThat(ctx.tokens).as("no token before an HTTP error").isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"cut_mid_stream, STREAM_INTERRUPTED", "error_event_after_200, STREAM_INTERRUPTED", "malformed_chunk, STREAM_INTERRUPTED",
        "stall_between_chunks, TIMEOUT"})
    void streamFaultsKeepTheTokensAlreadySentAndFail(String fault, ErrorCode code) {
        for (String p : new String[] {"anthropic", "openai", "groq"}) {
            var ctx = new TestContext();
            fakes.of(p).enqueue(Fault.parse(fault).orElseThrow());
            var executors = code == ErrorCode.TIMEOUT ? hasty : nodes;
            assertThatThrownBy(() -> run(executors, p, "{\"model\":\"" + Fakes.model(p) + "\"}", prompt("about otters"), ctx))
                    .isInstanceOfSatisfying(NodeException.class, e -> {
                        assertThat(e.code()).as(p + " " + fault).isEqualTo(code);
                        assertThat(ctx.tokens).as(p + " " + fault).hasSize(2);
                        assertThat(e.partialText()).isEqualTo(ctx.text());
                    });
        }
    }

    @Test
    void slowFirstByteAndHangTimeOut() {
        for (Fault f : new Fault[] {Fault.SLOW_FIRST_BYTE, Fault.HANG}) {
            var ctx = new TestContext();
            fakes.anthropic.enqueue(f);
            assertThatThrownBy(() -> run(hasty, "anthropic", "{\"model\":\"claude-sonnet-5-5\",\"maxRetries\":0}", prompt("x"), ctx))
                    .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
            assertThat(ctx.tokens).isEmpty();
        }
    }

    @Test
    void contentFilterAndDeadlines() throws Exception {
        String filtered = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"content_filter\"}]}\n\n"
                + "data: [DONE]\n\n";
        fakes.openai.enqueueSse(filtered);
        assertThatThrownBy(() -> run("openai", "{\"model\":\"gpt-4o\"}", prompt("x"), new TestContext()))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONTENT_FILTERED));
        var late = new TestContext();
        late.deadline = Instant.now().plusMillis(300);
        fakes.groq.enqueue(Fault.HANG);
        assertThatThrownBy(() -> run("groq", "{\"model\":\"openai/gpt-oss-120b\"}", prompt("x"), late))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
    }

    @Test
    void refusalsAreInTheMessage() throws Exception {
        fakes.openai.enqueueSse(ProviderCorpus.read("openai/stream-refusal.recorded.sse"));
        NodeOutput out = run("openai", "{\"model\":\"gpt-4o\"}", prompt("x"), new TestContext());
        assertThat(out.values().at("/message/refusal").asString()).startsWith("I'm");
        assertThat(out.values().get("text").asString()).isEmpty();
    }

    @Test
    void retiredSeedModelsStillResolveAndRun() throws Exception {
        NodeOutput out = run("anthropic", "{\"model\":\"claude-3-5-sonnet-20241022\"}", prompt("about otters"), new TestContext());
        assertThat(out.costUsd()).isNotNull();
        assertThat(ModelCatalog.builtIn().resolve("anthropic", "claude-3-5-sonnet-20241022").orElseThrow().warning()).contains("claude-sonnet-4-6");
        NodeOutput unknown = run("openai", "{\"model\":\"gpt-4o\",\"stream\":false}", prompt("x"), new TestContext());
        assertThat(unknown.values().get("text").asString()).isNotEmpty();
    }

    @Test
    void badInputsAreClearErrors() {
        var ctx = new TestContext();
        String cfg = "{\"model\":\"claude-sonnet-5-5\"}";
        assertThatThrownBy(() -> run("anthropic", cfg, Map.of(), ctx)).hasMessageContaining("needs a 'messages' or 'prompt' input");
        assertThatThrownBy(() -> run("anthropic", cfg, Map.of("messages", Json.parse("{\"role\":\"user\"}")), ctx)).hasMessageContaining("must be a list");
        assertThatThrownBy(() -> run("anthropic", cfg, Map.of("messages", Json.parse("[{\"role\":\"robot\",\"content\":\"x\"}]")), ctx))
                .hasMessageContaining("messages[0].role");
        assertThatThrownBy(() -> run("anthropic", cfg, Map.of("messages", Json.parse("[{\"role\":\"tool\",\"content\":\"x\"}]")), ctx))
                .hasMessageContaining("toolCallId");
        assertThatThrownBy(() -> run("anthropic", cfg, Map.of("messages", Json.parse("[{\"role\":\"user\",\"content\":5}]")), ctx))
                .hasMessageContaining("content must be text");
        assertThatThrownBy(() -> run("anthropic", cfg, Map.of("messages", Json.parse("[{\"role\":\"user\"}]")), ctx))
                .hasMessageContaining("content is missing");
        assertThatThrownBy(() -> run("anthropic", cfg, Map.of("messages", Json.parse("[3]")), ctx)).hasMessageContaining("must be an object");
        assertThatThrownBy(() -> run("anthropic", cfg, Map.of("messages", Json.parse("[{\"role\":\"system\",\"content\":\"x\"}]")), ctx))
                .hasMessageContaining("at least one user message");
        assertThatThrownBy(() -> run("anthropic", cfg, Map.of("prompt", Json.parse("{}")), ctx)).hasMessageContaining("must be text");
        assertThatThrownBy(() -> run("anthropic", "{\"model\":\"\"}", prompt("x"), ctx)).hasMessageContaining("config.model");
        assertThatThrownBy(() -> run("anthropic", "{\"model\":\"claude-sonnet-5-5\",\"system\":\"Hi {{ name }}\"}", prompt("x"), ctx))
                .isInstanceOf(IllegalStateException.class);
        var parts = Map.<String, JsonNode>of("messages", Json.parse("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"about \"},\"otters\"]}]"));
        try {
            assertThat(run("anthropic", cfg, parts, ctx).values().get("text").asString()).contains("otters");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMissingCredentialIsAnAuthErrorNamingIt() {
        var ctx = new TestContext(new EnvSecretStore(Map.of()));
        assertThatThrownBy(() -> run("groq", "{\"model\":\"openai/gpt-oss-120b\",\"credential\":\"team-groq\"}", prompt("x"), ctx))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH);
                    assertThat(e.getMessage()).contains("team-groq");
                });
    }
}
