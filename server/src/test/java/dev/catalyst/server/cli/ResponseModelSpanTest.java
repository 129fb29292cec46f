package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.observe.Observability;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gen_ai.response.model} on a model node's span is the model the provider's answer names,
 * not the one asked for: the fakes (by base URL) answer with a snapshot's name, as providers do
 * for an alias, and the in-memory exporter shows what each node span got.
 */
@Timeout(120)
class ResponseModelSpanTest {
    @TempDir
    Path home;
    LoopbackProviders fakes;
    InMemorySpanExporter spans;
    OpenTelemetrySdk otel;

    @BeforeEach
    void start() {
        spans = InMemorySpanExporter.create();
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        fakes = new LoopbackProviders(home, "sk-ant-api03-test", Observability.traced(otel, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        fakes.close();
        otel.close();
    }

    @Test
    void theResponseModelIsTheOneEachProviderSaysAnswered() throws Exception {
        // as a provider names the snapshot that served an alias: Anthropic's message_start, OpenAI's and Groq's chunks
        fakes.anthropic.answeringModel("claude-sonnet-5-5-20261101");
        fakes.openai.answeringModel("gpt-6.1-sol-2026-10-01");
        fakes.groq.answeringModel("openai/gpt-oss-120b-0925");
        String id = fakes.runExample("compare.json", "{}");
        assertThat(fakes.describe(id).path("status").asString()).isEqualTo("completed");
        var response = AttributeKey.stringKey("gen_ai.response.model");
        var request = AttributeKey.stringKey("gen_ai.request.model");
        assertThat(span(id, "claude").getAttributes().get(response)).isEqualTo("claude-sonnet-5-5-20261101");
        assertThat(span(id, "claude").getAttributes().get(request)).isEqualTo("claude-sonnet-5-5");
        assertThat(span(id, "gpt").getAttributes().get(response)).isEqualTo("gpt-6.1-sol-2026-10-01");
        assertThat(span(id, "gpt").getAttributes().get(request)).isEqualTo("gpt-6.1-sol");
        assertThat(span(id, "groq").getAttributes().get(response)).isEqualTo("openai/gpt-oss-120b-0925");
        // a node that calls no model has none
        assertThat(span(id, "join").getAttributes().get(response)).isNull();

        // a whole (not streamed) answer names it too
        String whole = Files.readString(SimulateModeTest.EXAMPLES.resolve("hello.json")).replace("\"stream\": true", "\"stream\": false");
        assertThat(whole).contains("\"stream\": false");
        String wholeId = fakes.run(whole, "{}");
        assertThat(span(wholeId, "claude").getAttributes().get(response)).isEqualTo("claude-sonnet-5-5-20261101");
    }

    @Test
    void anEmbeddingNodesSpanNamesTheModelTheProviderSaysAnswered() throws Exception {
        fakes.openai.answeringModel("text-embedding-3-small-2026-02");
        fakes.voyage.answeringModel("voyage-4-2026-03");
        var response = AttributeKey.stringKey("gen_ai.response.model");
        var request = AttributeKey.stringKey("gen_ai.request.model");
        String voyage = Files.readString(SimulateModeTest.EXAMPLES.resolve("embed-voyage.json"));
        String openai = voyage.replace("\"provider\": \"voyage\"", "\"provider\": \"openai\"")
                .replace("\"model\": \"voyage-4\"", "\"model\": \"text-embedding-3-small\"");
        assertThat(openai).contains("text-embedding-3-small").doesNotContain("voyage-4");
        for (var c : java.util.List.of(new String[] {voyage, "voyage-4", "voyage-4-2026-03"},
                new String[] {openai, "text-embedding-3-small", "text-embedding-3-small-2026-02"})) {
            String id = fakes.run(c[0], "{}");
            assertThat(fakes.describe(id).path("status").asString()).as(c[1]).isEqualTo("completed");
            var node = spans.getFinishedSpanItems().stream()
                    .filter(s -> "embeddings".equals(s.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))))
                    .filter(s -> c[1].equals(s.getAttributes().get(request))).findFirst().orElseThrow();
            assertThat(node.getAttributes().get(response)).as(c[1]).isEqualTo(c[2]);
        }
    }

    private SpanData span(String runId, String nodeId) {
        var run = spans.getFinishedSpanItems().stream()
                .filter(s -> runId.equals(s.getAttributes().get(AttributeKey.stringKey("catalyst.run.id")))).findFirst().orElseThrow();
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getParentSpanId().equals(run.getSpanId()))
                .filter(s -> nodeId.equals(s.getAttributes().get(AttributeKey.stringKey("catalyst.node.id"))))
                .findFirst().orElseThrow(() -> new AssertionError("no span for node " + nodeId + " of run " + runId));
    }
}
