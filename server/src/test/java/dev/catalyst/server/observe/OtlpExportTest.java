package dev.catalyst.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.workflow.WorkflowCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spans leave over OTLP/HTTP protobuf to the endpoint the OTEL_* variables name, and only when one is named. */
@Timeout(60)
class OtlpExportTest {
    record Received(String method, String path, String contentType, String probe, byte[] body) {}

    static final String WORKFLOW = """
        { "schemaVersion": 1, "id": "hello", "name": "Hello",
          "nodes": [
            { "id": "prompt", "type": "promptTemplate", "config": { "template": "hi" } },
            { "id": "claude", "type": "anthropicCompletion", "config": { "model": "claude-haiku-5-5" } } ],
          "edges": [ { "source": "prompt", "sourcePort": "messages", "target": "claude", "targetPort": "messages" } ] }
        """;

    HttpServer receiver;
    final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestHeaders().getFirst("x-probe"), body));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void aRunsSpansArePostedAsProtobufToTheConfiguredEndpoint() throws Exception {
        String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try (var obs = Observability.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint,
                "OTEL_SERVICE_NAME", "catalyst-otlp-test", "OTEL_EXPORTER_OTLP_HEADERS", "x-probe=seen"))) {
            assertThat(obs.tracing()).isTrue();
            var sink = obs.open("run-1", WorkflowCodec.read(WORKFLOW).workflow());
            sink.emit(new RunEvent.RunStarted("run-1", "hello"));
            sink.emit(new RunEvent.NodeStarted("claude", "anthropicCompletion"));
            sink.emit(new RunEvent.Token("claude", "TOKENMARK-completion-text", 0));
            sink.emit(new RunEvent.NodeCompleted("claude", Json.object(), Usage.of(4, 2, 0), new BigDecimal("0.0001"), 12, 5L));
            sink.emit(new RunEvent.RunCompleted("run-1", Json.object()));
        } // closing flushes the batch processor
        Received r = received.poll(30, TimeUnit.SECONDS);
        assertThat(r).as("the receiver got a POST").isNotNull();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/traces");
        assertThat(r.contentType()).isEqualTo("application/x-protobuf");
        assertThat(r.probe()).isEqualTo("seen");
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("catalyst-otlp-test").contains("gen_ai.system").contains("anthropic")
                .contains("claude-haiku-5-5").contains("run hello").doesNotContain("TOKENMARK");
    }

    @Test
    void withoutAnEndpointNothingIsBuiltAndRunsCarryNoTracer() {
        try (var obs = Observability.fromEnvironment(Map.of("OTEL_SERVICE_NAME", "x"))) {
            assertThat(obs.tracing()).isFalse();
            assertThat(OtlpTracing.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isEmpty();
            var sink = obs.open("run-2", WorkflowCodec.read(WORKFLOW).workflow());
            sink.emit(new RunEvent.RunStarted("run-2", "hello"));
            sink.emit(new RunEvent.RunCompleted("run-2", Json.object()));
            assertThat(new String(obs.metrics().scrape(), StandardCharsets.UTF_8)).contains("catalyst_runs_total{status=\"completed\"} 1.0");
        }
        assertThat(received).isEmpty();
    }
}
