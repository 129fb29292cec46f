package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fuzzer's crashers, on SQLite and on PostgreSQL: huge numbers, NUL and over-long ids and
 * names, oversized workflows. Each gets the same 4xx with a clear message on both databases.
 */
class HostileInputTest {
    static final String LONG_ID = "w".repeat(300);

    static final List<String> SCHEMAS = new java.util.concurrent.CopyOnWriteArrayList<>();

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("sqlite", (Function<Path, Database>) TestDatabases::sqlite),
                Arguments.of("postgresql", (Function<Path, Database>) dir -> {
                    String schema = TestDatabases.freshSchema();
                    SCHEMAS.add(schema);
                    return TestDatabases.postgres(schema);
                }));
    }

    @org.junit.jupiter.api.AfterAll
    static void dropSchemas() throws Exception {
        for (String schema : SCHEMAS) TestDatabases.dropSchema(schema);
    }

    private static TestServer server(Function<Path, Database> db, Path dir, ServerConfig config) {
        return new TestServer(db.apply(dir), config);
    }

    private static String workflow(String id, String name) {
        return TestExecutors.WORKFLOW.replace("\"id\": \"hello\"", "\"id\": " + json(id)).replace("\"name\": \"Hello\"", "\"name\": " + json(name));
    }

    private static String json(String s) {
        return dev.catalyst.core.json.Json.write(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nulAndOverLongIdsAndNamesAre400Everywhere(String name, Function<Path, Database> db, @TempDir Path dir) throws Exception {
        try (var t = server(db, dir, ServerConfig.loopback())) {
            var replies = new ArrayList<TestServer.Reply>();
            replies.add(t.post("/api/workflows", workflow(LONG_ID, "ok")));
            replies.add(t.post("/api/workflows", workflow("a\u0000b", "ok")));
            replies.add(t.post("/api/workflows", workflow("fine", "bad\u0000name")));
            replies.add(t.post("/api/workflows", workflow("fine", "n".repeat(600))));
            replies.add(t.put("/api/workflows/fine", workflow("fine", "bad\u0000name")));
            replies.add(t.get("/api/workflows/" + LONG_ID));
            replies.add(t.delete("/api/workflows/" + LONG_ID));
            replies.add(t.post("/api/runs", "{\"workflowId\": " + json("a\u0000b") + "}"));
            replies.add(t.post("/api/runs", "{\"workflowId\": " + json(LONG_ID) + "}"));
            replies.add(t.post("/api/runs", "{\"workflow\": " + workflow("x\u0000y", "ok") + "}"));
            replies.add(t.post("/api/runs", "{\"workflow\": " + workflow("x".repeat(300), "ok") + "}"));
            replies.add(t.post("/api/runs", "{\"workflow\": " + workflow("fine", "bad\u0000name") + "}"));
            for (var r : replies) {
                assertThat(r.status()).as(r.raw().request().uri() + " " + r.raw().body()).isEqualTo(400);
                assertThat(r.errorCode()).isEqualTo("invalid_request");
                assertThat(r.errorMessage()).isNotBlank().doesNotContain("\u0000");
            }
            assertThat(replies.get(0).errorMessage()).contains("1-200");
            assertThat(replies.get(2).errorMessage()).contains("name cannot hold a NUL");
            assertThat(replies.get(3).errorMessage()).contains("at most 500");
            var run = t.get("/api/runs/" + LONG_ID);
            assertThat(run.status()).isEqualTo(404);
            assertThat(run.errorCode()).isEqualTo("not_found");
            // a NUL in the path: Jetty refuses the URI itself, in our JSON, on a connection of its own
            for (String path : List.of("/api/workflows/a%00b", "/api/runs/a%00b", "/api/runs/a%00b/events")) {
                String reply = RawHttp.exchange(t.server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                assertThat(reply).as(path).startsWith("HTTP/1.1 400");
                assertThat(RawHttp.errorCode(reply)).isEqualTo("invalid_request");
            }
            // nothing half-stored: the store still answers and holds no workflow
            assertThat(t.get("/api/workflows").body()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void hugeIntegersInConfigAreInvalidConfigOnValidateAndOnRuns(String name, Function<Path, Database> db, @TempDir Path dir) throws Exception {
        try (var t = server(db, dir, ServerConfig.loopback())) {
            for (String value : List.of("1e300", "-1", "9223372036854775808", "1.5", "\"7\"")) {
                String wf = TestExecutors.WORKFLOW.replace("\"model\": \"claude-haiku-5-5\"", "\"model\": \"claude-haiku-5-5\", \"maxTokens\": " + value);
                var validated = t.post("/api/workflows/validate", wf);
                assertThat(validated.status()).as(value).isEqualTo(200);
                assertThat(validated.body().get("valid").asBoolean()).isFalse();
                assertThat(validated.body().get("errors")).anySatisfy(e -> {
                    assertThat(e.get("field").asString()).isEqualTo("config.maxTokens");
                    assertThat(e.get("code").asString()).isEqualTo("invalid_config");
                    assertThat(e.get("nodeId").asString()).isEqualTo("claude");
                });
                var run = t.post("/api/runs", "{\"workflow\": " + wf + "}");
                assertThat(run.status()).as(value).isEqualTo(400);
                assertThat(run.errorCode()).isEqualTo("validation_failed");
                assertThat(run.body().get("error").get("errors")).anySatisfy(e -> {
                    assertThat(e.get("field").asString()).isEqualTo("config.maxTokens");
                    assertThat(e.get("code").asString()).isEqualTo("invalid_config");
                });
                var stored = t.put("/api/workflows/hello", wf);
                assertThat(stored.status()).as(value).isIn(200, 201);
                assertThat(stored.body().get("valid").asBoolean()).isFalse();
                var byId = t.post("/api/runs", "{\"workflowId\": \"hello\"}");
                assertThat(byId.status()).as(value).isEqualTo(400);
                assertThat(byId.errorCode()).isEqualTo("validation_failed");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFiftyThousandNodeWorkflowIsRefusedNamingTheLimit(String name, Function<Path, Database> db, @TempDir Path dir) throws Exception {
        try (var t = server(db, dir, ServerConfig.loopback())) {
            var nodes = new StringBuilder();
            for (int i = 0; i < 50_000; i++) {
                if (i > 0) nodes.append(',');
                nodes.append("{\"id\":\"n").append(i).append("\",\"type\":\"promptTemplate\",\"config\":{\"template\":\"hi\"}}");
            }
            String wf = "{\"schemaVersion\": 1, \"id\": \"big\", \"nodes\": [" + nodes + "], \"edges\": []}";
            for (var r : List.of(t.post("/api/workflows/validate", wf), t.post("/api/workflows", wf), t.put("/api/workflows/big", wf),
                    t.post("/api/runs", "{\"workflow\": " + wf + "}"))) {
                assertThat(r.status()).isEqualTo(413);
                assertThat(r.errorCode()).isEqualTo("workflow_too_large");
                assertThat(r.errorMessage()).contains("50000 nodes", "at most " + EdgeLimits.DEFAULT_MAX_NODES, "CATALYST_MAX_NODES");
            }
            var edges = t.post("/api/workflows/validate", "{\"schemaVersion\": 1, \"nodes\": [], \"edges\": [" + "{},".repeat(10).replaceAll(",$", "") + "]}");
            assertThat(edges.status()).isEqualTo(200);
        }
    }
}
