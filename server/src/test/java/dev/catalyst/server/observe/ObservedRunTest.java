package dev.catalyst.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.workflow.WorkflowCodec;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edges of building spans and metrics from events: runs cut short, routers with no candidate, embeddings. */
class ObservedRunTest {
    static final String WORKFLOW = """
        { "schemaVersion": 1, "id": "mixed", "name": "Mixed",
          "nodes": [
            { "id": "embed", "type": "embeddingGenerate", "config": { "provider": "openai" } },
            { "id": "claude", "type": "anthropicCompletion", "config": { "model": "claude-haiku-5-5" } },
            { "id": "router", "type": "llmRouter", "config": { "preset": "cost" } } ],
          "edges": [] }
        """;

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    final Observability obs = Observability.traced(otel, Clock.systemUTC());
    final dev.catalyst.engine.RunEventSink sink = obs.open("run-9", WorkflowCodec.read(WORKFLOW).workflow());

    @AfterEach
    void close() {
        obs.close();
        otel.close();
    }

    private SpanData span(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans.getFinishedSpanItems()));
    }

    private PromText metrics() {
        return PromText.parse(new String(obs.metrics().scrape(), StandardCharsets.UTF_8));
    }

    @Test
    void aCancelledRunEndsTheNodeSpansStillOpen() {
        sink.emit(new RunEvent.RunStarted("run-9", "mixed"));
        sink.emit(new RunEvent.NodeStarted("claude", "anthropicCompletion"));
        sink.emit(new RunEvent.RunCancelled("run-9", "cancelled by request"));
        SpanData claude = span("chat claude-haiku-5-5");
        assertThat(claude.hasEnded()).isTrue();
        assertThat(claude.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(claude.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("cancelled");
        assertThat(span("run mixed").getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("cancelled");
        assertThat(metrics().value("catalyst_runs_total", "status", "cancelled")).isEqualTo(1);
        // a cancelled call is no upstream error
        assertThat(metrics().find("catalyst_upstream_errors_total")).isEmpty();
    }

    @Test
    void aRouterWithNoCandidateFailsWithItsDecisionAndARestartCountsTheInterruption() {
        var candidates = Json.array();
        candidates.addObject().put("id", "groq").put("provider", "groq").put("model", "openai/gpt-oss-20b");
        sink.emit(new RunEvent.RunStarted("run-9", "mixed"));
        sink.emit(new RunEvent.NodeStarted("router", "llmRouter"));
        sink.emit(new RunEvent.RouterDecision("router", "groq", "preset:cost", candidates, 1));
        sink.emit(new RunEvent.RouterDecision("router", null, "restart_after_interrupt", candidates, 2));
        sink.emit(new RunEvent.NodeFailed("router", new RunEvent.ErrorInfo(ErrorCode.NO_CANDIDATE, "none left", false, "router", null), null));
        sink.emit(new RunEvent.RunFailed("run-9", new RunEvent.ErrorInfo(ErrorCode.NO_CANDIDATE, "none left", false, "router", null)));

        SpanData router = span("chat openai/gpt-oss-20b");
        assertThat(router.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        var events = router.getEvents();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getAttributes().get(AttributeKey.stringKey("catalyst.router.outcome"))).isEqualTo("failed");
        assertThat(events.get(1).getAttributes().get(AttributeKey.stringKey("catalyst.router.outcome"))).isEqualTo("no_candidate");
        assertThat(events.get(1).getAttributes().get(AttributeKey.stringKey("catalyst.router.candidate"))).isNull();
        var m = metrics();
        assertThat(m.value("catalyst_upstream_errors_total", "provider", "groq", "code", "stream_interrupted")).isEqualTo(1);
        assertThat(m.value("catalyst_upstream_errors_total", "provider", "groq", "code", "no_candidate")).isEqualTo(1);
        assertThat(m.value("catalyst_runs_total", "status", "failed")).isEqualTo(1);
    }

    @Test
    void anEmbeddingNodeIsAnEmbeddingsOperationNamedByTheModelItReports() {
        sink.emit(new RunEvent.RunStarted("run-9", "mixed"));
        sink.emit(new RunEvent.NodeStarted("embed", "embeddingGenerate"));
        sink.emit(new RunEvent.NodeCompleted("embed", Json.object().put("model", "text-embedding-3-small"), Usage.of(7, 0, 0), null, 30, null));
        sink.emit(new RunEvent.RunCompleted("run-9", Json.object()));
        SpanData embed = span("embeddings text-embedding-3-small");
        assertThat(embed.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("embeddings");
        assertThat(embed.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))).isEqualTo("openai");
        assertThat(embed.getAttributes().get(AttributeKey.longKey("catalyst.ttft_ms"))).isNull();
        var m = metrics();
        assertThat(m.value("catalyst_input_tokens_total", "provider", "openai", "model", "text-embedding-3-small")).isEqualTo(7);
        assertThat(m.find("catalyst_ttft_seconds_count")).isEmpty(); // no first token for embeddings
    }

    @Test
    void eventsWithoutARunSpanAreIgnoredAndAFaultNeverReachesTheRun() {
        // a node event before run.started (not how the engine sends them) makes no orphan span
        sink.emit(new RunEvent.NodeStarted("claude", "anthropicCompletion"));
        sink.emit(new RunEvent.NodeCompleted("claude", null, null, null, 5, null));
        sink.emit(new RunEvent.RouterDecision("router", "x", "preset:cost", null, 1));
        sink.emit(new RunEvent.NodeFailed("router", null, null));
        sink.emit(new RunEvent.RunCompleted("run-9", Json.object()));
        assertThat(spans.getFinishedSpanItems()).isEmpty();
        // the completion still counted its latency; the router's failure without an error counts as unknown
        assertThat(metrics().histogramCount("catalyst_node_latency_seconds", "provider", "anthropic")).isEqualTo(1);
    }
}
