package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.http.ApiServer;
import dev.catalyst.server.http.ServerConfig;
import dev.catalyst.server.observe.Observability;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.TestDatabases;
import dev.catalyst.testkit.ManualClock;
import dev.catalyst.testkit.fake.AnthropicFake;
import dev.catalyst.testkit.fake.GroqFake;
import dev.catalyst.testkit.fake.OpenAiFake;
import dev.catalyst.testkit.fake.Pacing;
import dev.catalyst.testkit.fake.VoyageFake;
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
import tools.jackson.databind.JsonNode;

/**
 * A server as {@code catalyst start} wires it (SQLite in {@code home}), whose three providers are
 * the loopback fakes answering at once, with {@code anthropicKey} as Anthropic's key; the router's
 * cooldowns on a clock that stands still. For the tests that read what a run leaves in traces,
 * metrics and logs.
 */
final class LoopbackProviders implements AutoCloseable {
    final AnthropicFake anthropic = new AnthropicFake();
    final OpenAiFake openai = new OpenAiFake();
    final GroqFake groq = new GroqFake();
    final VoyageFake voyage = new VoyageFake();
    final ProviderMode providers;
    final Database db;
    final ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    LoopbackProviders(Path home, String anthropicKey, Observability observability) {
        for (var f : List.of(anthropic, openai, groq, voyage)) f.pacing(Pacing.instant());
        var env = Map.of("CATALYST_HOME", home.toString(),
                "ANTHROPIC_API_KEY", anthropicKey, "CATALYST_ANTHROPIC_BASE_URL", anthropic.baseUrl().toString(),
                "OPENAI_API_KEY", "sk-proj-test-openai", "CATALYST_OPENAI_BASE_URL", openai.baseUrl().toString(),
                "GROQ_API_KEY", "gsk_test_groq", "CATALYST_GROQ_BASE_URL", groq.baseUrl().toString(),
                "VOYAGE_API_KEY", "pa-test-voyage", "CATALYST_VOYAGE_BASE_URL", voyage.baseUrl().toString());
        providers = ProviderMode.choose(env, new SimulateOptions(), new PrintWriter(new StringWriter()));
        assertThat(providers.simulated()).isFalse();
        var wiring = Wiring.standard(new ManualClock());
        db = TestDatabases.sqlite(home);
        server = ApiServer.start(ServerConfig.loopback().withPort(0), db, wiring.engine(CliEnvironment.catalog(env), providers), "test",
                false, wiring.routerState(), Clock.systemUTC(), null, observability);
    }

    /** Runs an example workflow (examples/) with {@code inputs}; returns its id once it is stored. */
    String runExample(String workflowFile, String inputs) throws Exception {
        return run(Files.readString(SimulateModeTest.EXAMPLES.resolve(workflowFile)), inputs);
    }

    /** Runs {@code workflow} (JSON) with {@code inputs}; returns its id once it is stored. */
    String run(String workflow, String inputs) throws Exception {
        var res = http.send(HttpRequest.newBuilder(uri("/api/runs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"workflow\": " + workflow + ", \"inputs\": " + inputs + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        String id = Json.parse(res.body()).get("id").stringValue();
        server.runs().whenStored(id).get();
        return id;
    }

    /** {@code GET /api/runs/{id}}. */
    JsonNode describe(String id) throws Exception {
        return Json.parse(get("/api/runs/" + id).body());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Override
    public void close() {
        server.close();
        db.close();
        providers.close();
        http.close();
        for (var f : List.of(anthropic, openai, groq, voyage)) f.close();
    }
}
