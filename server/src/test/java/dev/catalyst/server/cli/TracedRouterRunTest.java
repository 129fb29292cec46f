package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.LogCapture;
import dev.catalyst.server.observe.JsonLogFormatter;
import dev.catalyst.server.observe.LibraryLogLevels;
import dev.catalyst.server.observe.Observability;
import dev.catalyst.server.observe.PromText;
import dev.catalyst.testkit.fake.Fault;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The router example run against the three providers' fakes (by base URL, real keys' path): the
 * trace (in-memory exporter), the metrics (over HTTP) and the JSON log lines it leaves, with a
 * planted key and a marked prompt that must appear in none of them.
 */
@Timeout(120)
class TracedRouterRunTest {
    static final String KEY = PlantedKeyTest.KEY;
    static final String PROMPT = "PROMPTMARK-tell-me-about-otters-4417";

    @TempDir
    Path home;
    LoopbackProviders fakes;
    InMemorySpanExporter spans;
    OpenTelemetrySdk otel;
    LogCapture log;
    LibraryLogLevels libraryLevels;

    @BeforeEach
    void start() {
        log = LogCapture.everything();
        libraryLevels = LibraryLogLevels.set(Map.of()); // as every command holds them: Jetty's client never logs headers
        spans = InMemorySpanExporter.create();
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        // cooldowns on a clock that stands still: the 429's one-second Retry-After lasts until the scrape
        fakes = new LoopbackProviders(home, KEY, Observability.traced(otel, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        fakes.close();
        otel.close();
        libraryLevels.close();
        log.close();
    }

    private PromText metrics() throws Exception {
        var res = fakes.get("/metrics");
        assertThat(res.statusCode()).isEqualTo(200);
        return PromText.parse(res.body());
    }

    private SpanData span(String runId, String nodeId) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> runId.equals(runSpanOf(s).getAttributes().get(AttributeKey.stringKey("catalyst.run.id"))))
                .filter(s -> nodeId.equals(s.getAttributes().get(AttributeKey.stringKey("catalyst.node.id"))))
                .findFirst().orElseThrow(() -> new AssertionError("no span for node " + nodeId + " of run " + runId));
    }

    private SpanData runSpan(String runId) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> runId.equals(s.getAttributes().get(AttributeKey.stringKey("catalyst.run.id"))))
                .findFirst().orElseThrow();
    }

    private SpanData runSpanOf(SpanData s) {
        if (s.getParentSpanId().equals(SpanId.getInvalid())) return s;
        return spans.getFinishedSpanItems().stream().filter(p -> p.getSpanId().equals(s.getParentSpanId())).findFirst().orElse(s);
    }

    @Test
    void aRouterRunIsARunSpanWithNodeSpansGenAiAttributesAndDecisionEvents() throws Exception {
        // the cheapest candidate answers 429 first: the router falls back
        fakes.groq.enqueue(Fault.HTTP_429_RETRY_AFTER);
        String id = fakes.runExample("router.json", "{\"question\": \"" + PROMPT + "\"}");
        JsonNode described = fakes.describe(id);
        assertThat(described.path("status").asString()).isEqualTo("completed");

        SpanData run = runSpan(id);
        assertThat(run.getName()).isEqualTo("run router");
        assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(run.getParentSpanId()).isEqualTo(SpanId.getInvalid());

        SpanData router = span(id, "router");
        assertThat(router.getParentSpanId()).isEqualTo(run.getSpanId());
        assertThat(router.getTraceId()).isEqualTo(run.getTraceId());
        var attrs = router.getAttributes();
        assertThat(attrs.get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        String system = attrs.get(AttributeKey.stringKey("gen_ai.system"));
        String model = attrs.get(AttributeKey.stringKey("gen_ai.request.model"));
        assertThat(system).isIn("anthropic", "openai");
        assertThat(router.getName()).isEqualTo("chat " + model);
        // the chosen candidate's answer names its model (the fakes name the model asked for)
        assertThat(attrs.get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo(model);
        JsonNode routerNode = nodeOf(described, "router");
        assertThat(attrs.get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(routerNode.path("usage").path("inputTokens").asLong());
        assertThat(attrs.get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(routerNode.path("usage").path("outputTokens").asLong());
        assertThat(attrs.get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isPositive();
        assertThat(attrs.get(AttributeKey.longKey("catalyst.ttft_ms"))).isNotNull();
        assertThat(attrs.get(AttributeKey.doubleKey("catalyst.cost_usd"))).isEqualTo(routerNode.path("costUsd").asDouble());

        var decisions = router.getEvents().stream().filter(e -> e.getName().equals("router.decision")).toList();
        assertThat(decisions).hasSize(2);
        var first = decisions.getFirst().getAttributes();
        assertThat(first.get(AttributeKey.stringKey("catalyst.router.candidate"))).isEqualTo("groq");
        assertThat(first.get(AttributeKey.longKey("catalyst.router.attempt"))).isEqualTo(1);
        assertThat(first.get(AttributeKey.stringKey("catalyst.router.outcome"))).isEqualTo("failed");
        assertThat(first.get(AttributeKey.stringKey("catalyst.router.reason"))).isNotBlank();
        assertThat(first.get(AttributeKey.stringKey("gen_ai.system"))).isEqualTo("groq");
        var second = decisions.get(1).getAttributes();
        assertThat(second.get(AttributeKey.longKey("catalyst.router.attempt"))).isEqualTo(2);
        assertThat(second.get(AttributeKey.stringKey("catalyst.router.reason"))).isEqualTo("fallback:rate_limited");
        assertThat(second.get(AttributeKey.stringKey("catalyst.router.outcome"))).isEqualTo("succeeded");

        // a completion node wired only as the router's model calls nothing: a plain node span
        assertThat(span(id, "groq").getAttributes().get(AttributeKey.stringKey("gen_ai.system"))).isNull();
        assertThat(router.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.CLIENT);
        // the prompt node has a span of its own, without GenAI attributes
        SpanData prompt = span(id, "prompt");
        assertThat(prompt.getParentSpanId()).isEqualTo(run.getSpanId());
        assertThat(prompt.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))).isNull();

        // the 429 is counted against groq; the answer's tokens against the model that gave it
        var m = metrics();
        assertThat(m.value("catalyst_upstream_errors_total", "provider", "groq", "code", "rate_limited")).isEqualTo(1);
        assertThat(m.value("catalyst_output_tokens_total", "provider", system, "model", model))
                .isEqualTo(routerNode.path("usage").path("outputTokens").asDouble());
        assertThat(m.histogramCount("catalyst_ttft_seconds", "provider", system, "model", model)).isEqualTo(1);
        assertThat(m.value("catalyst_router_cooldowns_active")).isEqualTo(1); // groq cools down after its 429

        // what the README shows: this run's span tree and the metrics after it (build output, not checked in)
        Path shown = Path.of("target", "observability");
        Files.createDirectories(shown);
        Files.writeString(shown.resolve("router-trace.txt"), dev.catalyst.server.observe.SpanTree.render(spans.getFinishedSpanItems()));
        Files.writeString(shown.resolve("metrics.txt"), fakes.get("/metrics").body());

        String answer = described.path("outputs").path("answer").asString();
        assertThat(answer).isNotBlank();
        assertNothingLeaks(answer);
    }

    @Test
    void aFailedNodeSetsErrorStatusAndItsCodeOnItsSpanAndTheRunSpan() throws Exception {
        fakes.anthropic.enqueue(Fault.HTTP_401);
        String id = fakes.runExample("hello.json", "{\"topic\": \"" + PROMPT + "\"}");
        SpanData claude = span(id, "claude");
        assertThat(claude.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(claude.getStatus().getDescription()).isEqualTo("auth");
        assertThat(claude.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("auth");
        assertThat(claude.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))).isEqualTo("anthropic");
        assertThat(claude.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("claude-sonnet-5-5");
        SpanData run = runSpan(id);
        assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(run.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("auth");
        assertThat(metrics().value("catalyst_upstream_errors_total", "provider", "anthropic", "code", "auth")).isEqualTo(1);
        assertThat(metrics().value("catalyst_runs_total", "status", "failed")).isEqualTo(1);
        // the key was in play: the provider got it
        assertThat(fakes.anthropic.requests().getFirst().header("x-api-key")).isEqualTo(KEY);
        assertNothingLeaks(null);
    }

    private static JsonNode nodeOf(JsonNode run, String nodeId) {
        for (JsonNode n : run.path("nodes")) if (nodeId.equals(n.path("nodeId").asString())) return n;
        throw new AssertionError("no node " + nodeId + " in " + run);
    }

    /** Every attribute and event of every span, and every log line in JSON, without the key, the prompt or the answer. */
    private void assertNothingLeaks(String answer) {
        var seen = new StringBuilder();
        for (SpanData s : spans.getFinishedSpanItems()) {
            seen.append(s.getName()).append(s.getAttributes()).append(s.getStatus());
            s.getEvents().forEach(e -> seen.append(e.getName()).append(e.getAttributes()));
        }
        assertThat(seen.toString()).contains("gen_ai.system").doesNotContain("PLANTEDKEY").doesNotContain(PROMPT);
        if (answer != null) assertThat(seen.toString()).doesNotContain(answer);
        var formatter = new JsonLogFormatter();
        var lines = new StringBuilder();
        for (LogRecord r : log.records()) {
            String line = formatter.format(r);
            assertThat(line).endsWith(System.lineSeparator());
            assertThat(line.strip()).doesNotContain("\n");
            JsonNode parsed = Json.parse(line);
            assertThat(parsed.path("level").asString()).isNotBlank();
            lines.append(line);
        }
        assertThat(lines.toString()).doesNotContain("PLANTEDKEY");
    }
}
