package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.http.ApiServer;
import dev.catalyst.server.http.ServerConfig;
import dev.catalyst.server.observe.Observability;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.TestDatabases;
import dev.catalyst.testkit.fake.AnthropicFake;
import dev.catalyst.testkit.fake.GroqFake;
import dev.catalyst.testkit.fake.OpenAiFake;
import dev.catalyst.testkit.fake.Pacing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code gen_ai.response.model} on a model node's span is the model the provider's answer names,
 * not the one asked for: the fakes (by base URL) answer with a snapshot's name, as providers do
 * for an alias, and the in-memory exporter shows what each node span got.
 */
@Timeout(120)
class ResponseModelSpanTest {
    @TempDir
    Path home;
    AnthropicFake anthropic;
    OpenAiFake openai;
    GroqFake groq;
    ProviderMode providers;
    Database db;
    ApiServer server;
    InMemorySpanExporter spans;
    OpenTelemetrySdk otel;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        anthropic = new AnthropicFake();
        openai = new OpenAiFake();
        groq = new GroqFake();
        for (var f : List.of(anthropic, openai, groq)) f.pacing(Pacing.instant());
        var env = Map.of("CATALYST_HOME", home.toString(),
                "ANTHROPIC_API_KEY", "sk-ant-api03-test", "CATALYST_ANTHROPIC_BASE_URL", anthropic.baseUrl().toString(),
                "OPENAI_API_KEY", "sk-proj-test-openai", "CATALYST_OPENAI_BASE_URL", openai.baseUrl().toString(),
                "GROQ_API_KEY", "gsk_test_groq", "CATALYST_GROQ_BASE_URL", groq.baseUrl().toString());
        providers = ProviderMode.choose(env, new SimulateOptions(), new PrintWriter(new StringWriter()));
        assertThat(providers.simulated()).isFalse();
        var wiring = Wiring.standard(new dev.catalyst.testkit.ManualClock());
        spans = InMemorySpanExporter.create();
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        db = TestDatabases.sqlite(home);
        server = ApiServer.start(ServerConfig.loopback().withPort(0), db, wiring.engine(CliEnvironment.catalog(env), providers), "test",
                false, wiring.routerState(), Clock.systemUTC(), null, Observability.traced(otel, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        server.close();
        otel.close();
        db.close();
        providers.close();
        for (var f : List.of(anthropic, openai, groq)) f.close();
    }

    @Test
    void theResponseModelIsTheOneEachProviderSaysAnswered() throws Exception {
        // as a provider names the snapshot that served an alias: Anthropic's message_start, OpenAI's and Groq's chunks
        anthropic.answeringModel("claude-sonnet-5-5-20261101");
        openai.answeringModel("gpt-6.1-sol-2026-10-01");
        groq.answeringModel("openai/gpt-oss-120b-0925");
        String id = run("compare.json", "{}");
        assertThat(describe(id).path("status").asString()).isEqualTo("completed");
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
        String wholeId = runInline(whole, "{}");
        assertThat(span(wholeId, "claude").getAttributes().get(response)).isEqualTo("claude-sonnet-5-5-20261101");
    }

    private String run(String workflowFile, String inputs) throws Exception {
        return runInline(Files.readString(SimulateModeTest.EXAMPLES.resolve(workflowFile)), inputs);
    }

    private String runInline(String workflow, String inputs) throws Exception {
        var res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"workflow\": " + workflow + ", \"inputs\": " + inputs + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        String id = Json.parse(res.body()).get("id").stringValue();
        server.runs().whenStored(id).get();
        return id;
    }

    private JsonNode describe(String id) throws Exception {
        var res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/runs/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.parse(res.body());
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
