package dev.catalyst.server.http;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.json.Json;
import dev.catalyst.embedlocal.MiniLmEmbedder;
import dev.catalyst.engine.Engine;
import dev.catalyst.llm.nodes.embedding.EmbeddingSetup;
import dev.catalyst.llm.nodes.router.RouterState;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.cli.NodeKinds;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.TestDatabases;
import dev.catalyst.testkit.Simulator;
import dev.catalyst.testkit.fake.Pacing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A real server whose model nodes call the testkit's fake providers over loopback, as simulate mode does. */
final class GatewayServer implements AutoCloseable {
    final Simulator sim = Simulator.start(ModelCatalog.builtIn(), Pacing.instant());
    final Database db;
    final Engine engine;
    final ApiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String token;

    GatewayServer(Path dir, ServerConfig config) {
        db = TestDatabases.sqlite(dir);
        var templates = TestExecutors.templates();
        var routerState = new RouterState(Clock.systemUTC(), RouterState.Settings.defaults());
        var local = new MiniLmEmbedder(1);
        var executors = NodeKinds.executors(new NodeKinds.Deps(templates, ProviderSettings.of(sim.baseUrls()), routerState,
                new EmbeddingSetup("local", local)));
        engine = new Engine(NodeKinds.registry(), ModelCatalog.builtIn(), executors, templates, sim.secrets());
        server = ApiServer.start(config, db, engine, "test", true, routerState);
        token = config.token();
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    HttpRequest.Builder request(String path) {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(60));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    Reply get(String path) throws Exception {
        return send(request(path).GET());
    }

    Reply post(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply send(HttpRequest.Builder b) throws Exception {
        var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() || r.body().startsWith("data:") ? Json.object() : Json.parse(r.body()), r);
    }

    /** The {@code data:} payloads of an SSE body, in order. */
    static List<String> data(String sse) {
        var out = new ArrayList<String>();
        for (String frame : sse.split("\n\n")) {
            if (frame.startsWith("data: ")) out.add(frame.substring("data: ".length()));
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
        engine.close();
        db.close();
        sim.close();
    }
}
