package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.CpuPool;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.expr.Ticker;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateNode;
import dev.catalyst.server.cli.NodeKinds;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.validation.WorkflowValidator;
import dev.catalyst.engine.Engine;
import dev.catalyst.engine.EngineOptions;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's freeze, over HTTP as the attack sent it: a prompt template whose CEL builds a 1 MB
 * and a 256 KB string inside map and then calls contains, posted twice. Both runs must end failed
 * with expression_error, and the server must keep answering.
 */
class FreezeReproTest {
    @TempDir
    Path dir;

    static String repro() {
        var e = new StringBuilder("['" + "a".repeat(1024) + "']");
        String[] names = {"k1", "k2", "k4", "k8", "k16", "k32", "k64", "k128", "k256", "k512"};
        for (String n : names) e.append(".map(").append(n).append(", [").append(n).append(" + ").append(n).append("]");
        e.append(".map(mb, mb.contains(k256 + 'b')))").append(")".repeat(names.length - 1));
        var wf = Json.object().put("schemaVersion", 1).put("id", "freeze");
        wf.putArray("nodes").addObject().put("id", "prompt").put("type", PromptTemplateKind.TYPE)
                .putObject("config").put("template", "{{ " + e + " }}");
        wf.putArray("edges");
        return Json.write(Json.object().set("workflow", wf));
    }

    @Test
    void theFreezeReproFailsWithExpressionErrorAndHealthStillAnswers() throws Exception {
        var registry = NodeKinds.registry();
        var catalog = ModelCatalog.builtIn();
        try (var cpu = new CpuPool(2, "test-cpu"); Database db = TestDatabases.sqlite(dir)) {
            var templates = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT, Ticker.SYSTEM, cpu));
            var engine = new Engine(registry, catalog, Map.of(PromptTemplateKind.TYPE, new PromptTemplateNode(templates)), templates,
                    new EnvSecretStore(Map.of()), EngineOptions.DEFAULTS, new WorkflowValidator(registry, catalog), cpu);
            try (var server = ApiServer.start(ServerConfig.loopback(), db, engine, "test")) {
                var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
                String base = "http://127.0.0.1:" + server.port();
                var ids = new ArrayList<String>();
                for (int i = 0; i < 2; i++) {
                    var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(repro())).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                    ids.add(Json.parse(r.body()).get("id").stringValue());
                }
                for (String id : ids) {
                    try (var events = SseClient.open(http, base + "/api/runs/" + id + "/events", null, null)) {
                        SseClient.Frame f;
                        do {
                            f = events.nextEvent(Duration.ofMinutes(2));
                            assertThat(f).as("the run's events before it ended").isNotNull();
                        } while (!f.isTerminal());
                        assertThat(f.event()).isEqualTo("run.failed");
                        var error = Json.parse(f.data()).get("error");
                        assertThat(error.get("code").stringValue()).isEqualTo("expression_error");
                        // the built-value cap, or on a slow machine the time limit: either way a limit stopped it
                        assertThat(error.get("message").stringValue()).containsAnyOf("over the limit of 262144", "took longer than 100 ms");
                    }
                }
                var health = http.send(HttpRequest.newBuilder(URI.create(base + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
            }
        }
    }
}
