package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.catalyst.core.json.Json;
import dev.catalyst.server.observe.PromText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalyst start} wires the environment's observability: OTLP traces, /metrics, the log format. */
@Timeout(120)
class ObservabilityStartTest {
    @TempDir
    Path home;

    @Test
    void withAnOtlpEndpointARunsSpansReachItAndMetricsAreServed() throws Exception {
        var bodies = new LinkedBlockingQueue<String>();
        var receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/traces", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        try {
            var world = CliTestSupport.world(Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString(),
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                    "OTEL_SERVICE_NAME", "catalyst-start-test"));
            String runId;
            try (var server = new InProcessServer(world, "--simulate")) {
                assertThat(server.out.text).contains("trace: spans exported over OTLP");
                String workflow = Files.readString(SimulateModeTest.EXAMPLES.resolve("hello.json"));
                var created = server.post("/api/runs", "{\"workflow\": " + workflow + "}");
                runId = Json.parse(created.body()).get("id").stringValue();
                assertThat(server.events(runId, new StringBuilder()).getLast().event()).isEqualTo("run.completed");
                var metrics = server.get("/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(PromText.parse(metrics.body()).value("catalyst_runs_total", "status", "completed")).isEqualTo(1);
            } // stopping flushes the exporter
            String body = bodies.poll(30, TimeUnit.SECONDS);
            assertThat(body).as("spans were posted").isNotNull();
            var all = new StringBuilder(body);
            bodies.forEach(all::append);
            assertThat(all.toString()).contains("catalyst-start-test").contains(runId).contains("gen_ai.system");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void anUnknownLogFormatIsAUsageError() {
        var r = CliTestSupport.run(CliTestSupport.world(Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString(),
                "CATALYST_LOG_FORMAT", "xml")), "start", "--simulate");
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("CATALYST_LOG_FORMAT is json or text");
    }
}
