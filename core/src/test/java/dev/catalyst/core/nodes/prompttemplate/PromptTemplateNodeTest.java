package dev.catalyst.core.nodes.prompttemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeContext;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.secrets.SecretStore;
import dev.catalyst.core.template.TemplateEngine;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PromptTemplateNodeTest {
    private static final String SECRET = "sk-ant-test-0123456789-secret-value";

    /** The context a run gives a node; a secret store with a real key, which templates must never see. */
    record Context(Map<String, JsonNode> workflowInputs, Map<String, JsonNode> nodeOutputs, Cancellation cancellation) implements NodeContext {
        @Override public String runId() { return "run-1"; }
        @Override public String nodeId() { return "prompt"; }
        @Override public SecretStore secrets() { return new EnvSecretStore(Map.of("ANTHROPIC_API_KEY", SECRET)); }
        @Override public Instant deadline() { return null; }
        @Override public ModelCatalog catalog() { return ModelCatalog.builtIn(); }
        @Override public void token(String text) { throw new AssertionError("promptTemplate does not stream"); }
        @Override public void emit(RunEvent event) { throw new AssertionError("promptTemplate emits no events"); }
    }

    private static Map<String, JsonNode> map(String json) {
        var m = new LinkedHashMap<String, JsonNode>();
        Json.parse(json).properties().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    private static NodeCall call(String config, JsonNode variables, Cancellation cancellation) {
        var inputs = new HashMap<String, JsonNode>();
        if (variables != null) inputs.put("variables", variables);
        var ctx = new Context(map("{\"topic\":\"otters\",\"tone\":\"dry\"}"), map("{\"search\":{\"text\":\"Otters hold hands.\"}}"), cancellation);
        return new NodeCall("prompt", "promptTemplate", (ObjectNode) Json.parse(config), inputs, ctx);
    }

    private final PromptTemplateNode executor = new PromptTemplateNode(new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT)));

    @Test
    void rendersMessagesAndText() throws Exception {
        var out = executor.execute(call("""
                { "messages": [ { "role": "system", "content": "You are {{ tone }}." },
                                { "role": "user", "content": "Write one line about {{ topic }}. Fact: {{ nodes.search.output.text }}" } ],
                  "strict": true }""", null, new Cancellation()));
        assertThat(out.values().get("messages").toString()).isEqualTo(
                "[{\"role\":\"system\",\"content\":\"You are dry.\"},{\"role\":\"user\",\"content\":\"Write one line about otters. Fact: Otters hold hands.\"}]");
        assertThat(out.values().get("text").stringValue()).isEqualTo("You are dry.\n\nWrite one line about otters. Fact: Otters hold hands.");
        assertThat(out.usage()).isNull();
    }

    @Test
    void theVariablesInputOverridesWorkflowInputs() throws Exception {
        var out = executor.execute(call("{ \"template\": \"{{ topic }} / {{ inputs.topic }} / {{ extra }}\" }",
                Json.parse("{\"topic\":\"{{ nodes }}\",\"extra\":[1,2]}"), new Cancellation()));
        assertThat(out.values().get("messages").get(0).get("role").stringValue()).isEqualTo("user");
        assertThat(out.values().get("text").stringValue()).isEqualTo("{{ nodes }} / otters / [1,2]");
    }

    @Test
    void strictAndLenientModes() throws Exception {
        assertThatThrownBy(() -> executor.execute(call("{ \"template\": \"Hi {{ name }}\" }", null, new Cancellation())))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EXPRESSION_ERROR);
                    assertThat(e.getMessage()).startsWith("message 1 (user): 1:7: unknown variable 'name'");
                });
        var out = executor.execute(call("{ \"template\": \"Hi {{ name }}!\", \"strict\": false }", null, new Cancellation()));
        assertThat(out.values().get("text").stringValue()).isEqualTo("Hi !");
    }

    @Test
    void secretsAreNotInTheScope() throws Exception {
        var out = executor.execute(call("{ \"template\": \"{{ inputs }} {{ nodes }}\" }", null, new Cancellation()));
        assertThat(out.values().toString()).doesNotContain(SECRET).doesNotContain("ANTHROPIC");
        for (String attempt : new String[] {"{{ secrets }}", "{{ anthropic }}", "{{ inputs.anthropic }}", "{{ nodes.secrets }}"}) {
            assertThatThrownBy(() -> executor.execute(call("{ \"template\": \"" + attempt + "\" }", null, new Cancellation())))
                    .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        }
    }

    @Test
    void toolCallsAndToolResultsPassThroughAsData() throws Exception {
        var out = executor.execute(call("""
                { "messages": [ { "role": "user", "content": "Weather about {{ topic }}?" },
                                { "role": "assistant", "content": "{{ tone }}", "toolCalls": [ { "id": "c1", "name": "weather", "arguments": { "q": "{{ topic }}" } } ] },
                                { "role": "tool", "content": "rain, {{ tone }}", "toolCallId": "c1" } ] }""", null, new Cancellation()));
        assertThat(out.values().get("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"Weather about otters?\"},"
                + "{\"role\":\"assistant\",\"content\":\"dry\",\"toolCalls\":[{\"id\":\"c1\",\"name\":\"weather\",\"arguments\":{\"q\":\"{{ topic }}\"}}]},"
                + "{\"role\":\"tool\",\"content\":\"rain, dry\",\"toolCallId\":\"c1\"}]");
        assertThatThrownBy(() -> executor.execute(call("{ \"messages\": [ { \"role\": \"tool\", \"content\": \"x\" } ] }", null, new Cancellation())))
                .hasMessageContaining("needs a toolCallId");
        assertThatThrownBy(() -> executor.execute(call("{ \"messages\": [ { \"role\": \"user\", \"content\": \"x\","
                + " \"toolCalls\": [ { \"id\": \"c\", \"name\": \"n\" } ] } ] }", null, new Cancellation())))
                .hasMessageContaining("only an assistant message");
    }

    @Test
    void badInputsFailClearly() {
        assertThatThrownBy(() -> executor.execute(call("{ \"template\": \"x\" }", Json.parse("[1]"), new Cancellation())))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("must be an object").contains("not array");
                });
        assertThatThrownBy(() -> executor.execute(call("{ \"strict\": true }", null, new Cancellation())))
                .hasMessageContaining("needs config.messages or config.template");
        assertThatThrownBy(() -> executor.execute(call("{ \"messages\": [ { \"role\": \"user\" } ] }", null, new Cancellation())))
                .hasMessageContaining("needs a role and a content");
        var cancelled = new Cancellation();
        cancelled.cancel("user");
        assertThatThrownBy(() -> executor.execute(call("{ \"template\": \"x\" }", null, cancelled)))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
    }

    @Test
    void aNullVariablesInputMeansWorkflowInputsOnly() throws Exception {
        var out = executor.execute(call("{ \"template\": \"{{ topic }}\" }", Json.parse("null"), new Cancellation()));
        assertThat(out.values().get("text").stringValue()).isEqualTo("otters");
    }

    /**
     * The freeze of issue 18: a template whose CEL builds a 1 MB and a 256 KB string by repeated
     * concatenation inside map (well within the iteration limit) and then searches one in the
     * other. It froze a server for 7.6 minutes; now it fails with expression_error.
     */
    @Test
    void theFreezeReproFailsWithAnExpressionError() {
        var levels = new StringBuilder("['" + "a".repeat(1024) + "']");
        String[] names = {"k1", "k2", "k4", "k8", "k16", "k32", "k64", "k128", "k256", "k512"};
        for (String n : names) levels.append(".map(").append(n).append(", [").append(n).append(" + ").append(n).append("]");
        // k512 + k512 is 1 MB; k256 + 'b' is a 256 KB near-miss needle: quadratic for a naive search
        levels.append(".map(mb, mb.contains(k256 + 'b')))").append(")".repeat(names.length - 1));
        String template = "Found: {{ " + levels + " }}";
        String config = Json.MAPPER.writeValueAsString(Json.object().put("template", template));
        assertThatThrownBy(() -> executor.execute(call(config, null, new Cancellation())))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EXPRESSION_ERROR);
                    // which limit comes first depends on the machine's speed; that one does is the point
                    assertThat(e.getCause()).isInstanceOfSatisfying(dev.catalyst.core.expr.ExpressionException.class, x -> assertThat(x.kind())
                            .isIn(dev.catalyst.core.expr.ExpressionException.Kind.LIMIT, dev.catalyst.core.expr.ExpressionException.Kind.TIMEOUT));
                });
    }
}
