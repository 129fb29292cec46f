package dev.catalyst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ModelHandleTest {
    @Test
    void completionNodesWiredOnlyIntoARouterHandOverTheirModelWithoutCalling() throws Exception {
        // the project's own router example: three completion nodes feed the router's `models` port
        String json = Files.readString(Path.of("../examples/router.json"));
        var workflow = dev.catalyst.core.workflow.WorkflowCodec.read(json).workflow();
        var completions = new TestNodes.LatchStream();
        var router = new TestNodes.Recorder();
        var engine = new Engine(StandInKinds.registry(), dev.catalyst.core.catalog.ModelCatalog.builtIn(),
                TestNodes.withStreamResponse(Map.of("promptTemplate", TestNodes.prompt(), "llmRouter", router)),
                TestNodes.templates(),
                new dev.catalyst.core.secrets.EnvSecretStore(Map.of("ANTHROPIC_API_KEY", "a", "OPENAI_API_KEY", "o", "GROQ_API_KEY", "g")));
        Plan plan = engine.compile(workflow);
        assertThat(plan.answerNodeId()).isEqualTo("router");
        assertThat(plan.includeDecisions()).isTrue();
        assertThat(plan.nodes().get("claude").modelHandle()).isTrue();

        var sink = new RecordingSink();
        RunResult result = engine.start(plan, "h1", RunInputs.resolve(workflow, null), sink).await();
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(completions.calledFor).isEmpty();

        // the many-edge port arrives as a JSON array of handles, in edge order
        JsonNode models = router.calls.getFirst().input("models");
        assertThat(models.isArray()).isTrue();
        assertThat(models).extracting(m -> m.get("nodeId").stringValue()).containsExactly("claude", "gpt", "groq");
        JsonNode claude = models.get(0);
        assertThat(claude.get("provider").stringValue()).isEqualTo("anthropic");
        assertThat(claude.get("model").stringValue()).isEqualTo("claude-haiku-5-5");
        assertThat(claude.get("credential").stringValue()).isEqualTo("anthropic");
        assertThat(claude.get("params").get("maxTokens").asInt()).isEqualTo(400);
        assertThat(router.calls.getFirst().input("messages").isArray()).isTrue();
        assertThat(result.outputs().get("answer").stringValue()).isEqualTo("routed");
        assertThat(sink.of(RunEvent.NodeCompleted.class)).extracting(RunEvent.NodeCompleted::nodeId)
                .contains("claude", "gpt", "groq", "router", "answer");
    }

    @Test
    void anExplicitCredentialIsKeptInTheHandle() {
        var node = new dev.catalyst.core.workflow.Node("c", "openaiCompletion", null, null,
                Json.object().put("model", "gpt-6-luna").put("credential", "work-openai"));
        var type = StandInKinds.registry().get("openaiCompletion");
        var planned = new PlannedNode(node, type, type.withDefaults(node.config()), Map.of(), java.util.Set.of(), true);
        assertThat(ModelHandles.of(planned).get("credential").stringValue()).isEqualTo("work-openai");
    }
}
