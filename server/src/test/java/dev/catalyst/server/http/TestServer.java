package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.TestExecutors;
import dev.catalyst.llm.nodes.router.RouterState;
import dev.catalyst.server.observe.Observability;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.InstanceNotices;
import dev.catalyst.server.store.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * A real server on a free loopback port, with a SQLite file and the test executors; or on a
 * PostgreSQL database, wired as {@code catalyst start} wires it there: with its one listener
 * ({@link InstanceNotices}), closed after the server.
 */
final class TestServer implements AutoCloseable {
    final TestExecutors nodes = new TestExecutors();
    final Database db;
    final InstanceNotices notices; // null on SQLite
    final ApiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String token;

    TestServer(Path dir, ServerConfig config) {
        this(TestDatabases.sqlite(dir), config);
    }

    TestServer(Database db, ServerConfig config) {
        this.db = db;
        if (db.dialect() == Database.Dialect.POSTGRESQL) {
            Clock clock = Clock.systemUTC();
            this.notices = InstanceNotices.start(db, clock);
            this.server = ApiServer.start(config, db, nodes.engine(), "test", false, new RouterState(clock, RouterState.Settings.defaults()),
                    clock, null, Observability.metricsOnly(), notices.runs());
        } else {
            this.notices = null;
            this.server = ApiServer.start(config, db, nodes.engine(), "test");
        }
        this.token = config.token();
    }

    /** A server whose per-client limits count on {@code clock}. */
    TestServer(Path dir, ServerConfig config, java.time.Clock clock) {
        this.db = TestDatabases.sqlite(dir);
        this.notices = null;
        this.server = ApiServer.start(config, db, nodes.engine(), "test", false,
                new dev.catalyst.llm.nodes.router.RouterState(clock, dev.catalyst.llm.nodes.router.RouterState.Settings.defaults()), clock);
        this.token = config.token();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String errorCode() {
            return body.path("error").path("code").asString("");
        }

        String errorMessage() {
            return body.path("error").path("message").asString("");
        }
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    Reply post(String path, String body) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
    }

    Reply put(String path, String body) throws IOException, InterruptedException {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    HttpRequest.Builder request(String path) {
        var b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body().isEmpty() ? Json.object() : Json.parse(r.body());
        return new Reply(r.statusCode(), body, r);
    }

    /** Starts the standard test workflow; returns the run id. */
    String startRun() throws IOException, InterruptedException {
        Reply r = post("/api/runs", "{\"workflow\": " + TestExecutors.WORKFLOW + ", \"inputs\": {}}");
        if (r.status() != 201) throw new AssertionError("run not started: " + r.raw().body());
        return r.body().get("id").stringValue();
    }

    @Override
    public void close() {
        server.close();
        if (notices != null) notices.close();
        db.close();
    }
}
