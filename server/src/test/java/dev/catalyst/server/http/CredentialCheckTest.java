package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.engine.Engine;
import dev.catalyst.llm.nodes.router.RouterState;
import dev.catalyst.server.cli.NodeKinds;
import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.TestDatabases;
import dev.catalyst.testkit.Simulator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run naming a credential nobody defined is refused before it starts, saying how to supply it. */
class CredentialCheckTest {
    static final String TEAM_CLAUDE = TestExecutors.WORKFLOW.replace("\"model\": \"claude-haiku-5-5\"",
            "\"model\": \"claude-haiku-5-5\", \"credential\": \"team-claude\"");

    @Test
    void anUndefinedCredentialIsRefusedBeforeTheRunStarts(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback())) {
            var r = t.post("/api/runs", "{\"workflow\": " + TEAM_CLAUDE + "}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("validation_failed");
            assertThat(r.errorMessage()).contains("'team-claude'", "CATALYST_SECRET_TEAM_CLAUDE", "catalyst secrets set team-claude");
            var issue = r.body().get("error").get("errors").get(0);
            assertThat(issue.get("code").asString()).isEqualTo("unknown_credential");
            assertThat(issue.get("nodeId").asString()).isEqualTo("claude");
            assertThat(issue.get("field").asString()).isEqualTo("config.credential");
            // nothing started, nothing stored
            assertThat(t.get("/api/runs").body().get("runs")).isEmpty();
            assertThat(t.nodes.cancelled).isEmpty();
            // validation still only warns: the key may be set before the run
            var validated = t.post("/api/workflows/validate", TEAM_CLAUDE);
            assertThat(validated.body().get("valid").asBoolean()).isTrue();
            // the provider's default credential is defined in this server's environment
            String id = t.startRun();
            assertThat(t.post("/api/runs/" + id + "/cancel", "").status()).isEqualTo(200);
        }
    }

    @Test
    void simulateModeDefinesEveryCredential(@TempDir Path dir) throws Exception {
        var nodes = new TestExecutors();
        try (var sim = Simulator.start()) {
            var engine = new Engine(NodeKinds.registry(), ModelCatalog.builtIn(), nodes.executors(), TestExecutors.templates(), sim.secrets());
            var db = TestDatabases.sqlite(dir);
            try (var server = ApiServer.start(ServerConfig.loopback(), db, engine, "test", true,
                    new RouterState(java.time.Clock.systemUTC(), RouterState.Settings.defaults()))) {
                var http = java.net.http.HttpClient.newHttpClient();
                var reply = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/runs"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"workflow\": " + TEAM_CLAUDE + "}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
            } finally {
                db.close();
            }
        }
    }
}
