package dev.catalyst.llm.nodes.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.llm.TestKinds;
import dev.catalyst.llm.TestContext;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.testkit.Simulator;
import dev.catalyst.testkit.fake.Fault;
import dev.catalyst.testkit.fake.Pacing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * examples/router.json against the simulator (what --simulate wires up) with a 429 on the first
 * candidate: the handles are built the way the engine builds them from the wired completion nodes.
 */
class RouterExampleTest {
    @org.junit.jupiter.api.Test
    void theRouterExampleFallsBackUnderTheSimulator() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("examples"))) dir = dir.getParent();
        JsonNode wf = Json.parse(Files.readString(dir.resolve("examples/router.json")));
        try (var sim = Simulator.start(ModelCatalog.builtIn(), new Pacing(Duration.ZERO, 0))) {
            var nodes = TestKinds.executors(ProviderSettings.of(sim.baseUrls()));
            ArrayNode handles = Json.array();
            ObjectNode routerConfig = null;
            for (JsonNode n : wf.get("nodes")) {
                String type = n.get("type").asString();
                if (type.equals("llmRouter")) routerConfig = (ObjectNode) n.get("config");
                if (!type.endsWith("Completion")) continue;
                String provider = type.substring(0, type.length() - "Completion".length());
                ObjectNode h = handles.addObject();
                h.put("provider", provider);
                h.put("model", n.at("/config/model").asString());
                h.put("credential", provider);
                ObjectNode params = ((ObjectNode) n.get("config")).deepCopy();
                params.remove("model");
                h.set("params", params);
                h.put("nodeId", n.get("id").asString());
            }
            sim.groq().enqueue(Fault.HTTP_429_RETRY_AFTER);
            var ctx = new TestContext(sim.secrets());
            ctx.inputs = Map.of("tier", Json.valueToTree("free"), "question", wf.at("/inputs/question/default"));
            var node = new RouterNode(new RouterKind().spec(),
                    Map.of("anthropic", nodes.get("anthropicCompletion"), "openai", nodes.get("openaiCompletion"), "groq", nodes.get("groqCompletion")),
                    new RouterState(java.time.Clock.fixed(java.time.Instant.parse("2026-11-25T12:00:00Z"), java.time.ZoneOffset.UTC), RouterState.Settings.defaults()), new dev.catalyst.core.expr.ExpressionService(dev.catalyst.core.expr.ExpressionLimits.DEFAULT),
                    new java.util.Random(1));
            NodeOutput out = node.execute(new NodeCall("router", "llmRouter", routerConfig,
                    Map.of("messages", Json.parse("[{\"role\":\"user\",\"content\":" + Json.write(wf.at("/inputs/question/default")) + "}]"),
                            "models", handles), ctx));
            var decisions = ctx.events.stream().filter(e -> e instanceof RunEvent.RouterDecision).map(e -> (RunEvent.RouterDecision) e).toList();
            // cost picks groq's gpt-oss-20b; its 429 sends the request down the fallback list to gpt
            assertThat(decisions).extracting(RunEvent.RouterDecision::chosen).containsExactly("groq", "gpt");
            assertThat(decisions).extracting(RunEvent.RouterDecision::reason).containsExactly("preset:cost", "fallback:rate_limited");
            assertThat(out.values().get("text").asString()).isNotBlank().isEqualTo(ctx.text());
            assertThat(out.costUsd()).isPositive();
        }
    }
}
