package dev.catalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.testkit.Simulator;
import dev.catalyst.testkit.fake.Pacing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The model nodes of examples/hello, compare and embed, with their configs as written, against the
 * simulator and its credentials (what --simulate wires up), through the real client code.
 */
class SimulatedExamplesTest {
    static JsonNode workflow(String name) throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("examples"))) dir = dir.getParent();
        return Json.parse(Files.readString(dir.resolve("examples/" + name + ".json")));
    }

    @Test
    void examplesRunAgainstTheSimulator() throws Exception {
        try (var sim = Simulator.start(dev.catalyst.core.catalog.ModelCatalog.builtIn(), new Pacing(java.time.Duration.ZERO, 0))) {
            var nodes = TestKinds.executors(ProviderSettings.of(sim.baseUrls()));
            var ctx = new TestContext(sim.secrets());
            for (String example : new String[] {"hello", "compare"}) {
                JsonNode wf = workflow(example);
                JsonNode prompt = wf.at("/inputs").properties().iterator().next().getValue().path("default");
                for (JsonNode n : wf.get("nodes")) {
                    String type = n.get("type").asString();
                    if (!type.endsWith("Completion")) continue;
                    NodeOutput out = nodes.get(type).execute(new NodeCall(n.get("id").asString(), type, (ObjectNode) n.get("config"),
                            Map.of("messages", Json.parse("[{\"role\":\"user\",\"content\":" + Json.write(prompt) + "}]")), ctx));
                    assertThat(out.values().get("text").asString()).as(example + "/" + n.get("id")).isNotBlank();
                    assertThat(out.costUsd()).as(example + "/" + n.get("id")).isPositive();
                }
            }
            JsonNode embed = workflow("embed").get("nodes").get(0);
            ObjectNode cfg = ((ObjectNode) embed.get("config")).deepCopy();
            cfg.remove("texts");
            NodeOutput vectors = nodes.get("embeddingGenerate").execute(new NodeCall("embed", "embeddingGenerate", cfg,
                    Map.of("texts", workflow("embed").at("/inputs/texts/default")), ctx));
            assertThat(vectors.values().get("embeddings").size()).isEqualTo(2);
            assertThat(ctx.tokens).isNotEmpty();
        }
    }
}
