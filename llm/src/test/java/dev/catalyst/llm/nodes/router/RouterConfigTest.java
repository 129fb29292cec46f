package dev.catalyst.llm.nodes.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeType;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The router's config is read into its record with Jackson, then into what one call uses. */
class RouterConfigTest {
    private static final NodeType TYPE = new RouterKind().spec();

    private static RouterConfig read(String json) throws NodeException {
        ObjectNode raw = (ObjectNode) Json.parse(json);
        return RouterConfig.read(raw, TYPE.withDefaults(raw));
    }

    @Test
    void theSchemasDefaultsFillWhatTheNodeLeavesOut() throws Exception {
        RouterConfig c = read("{}");
        assertThat(c.preset()).isEqualTo(Preset.BALANCED);
        assertThat(c.weights()).isEqualTo(RouterConfig.Weights.DEFAULT);
        assertThat(c.maxAttempts()).isEqualTo(3);
        assertThat(c.budgetMs()).isEqualTo(120_000);
        assertThat(c.exploration()).isEqualTo(0.1);
        assertThat(c.rules()).isEmpty();
        // the schema's maxTokens default is the candidates' business: only the router's own value overrides theirs
        assertThat(c.maxTokens()).isNull();
        assertThat(c.stream()).isNull();
    }

    @Test
    void aWrittenConfigIsReadWhole() throws Exception {
        RouterConfig c = read("""
                {"preset": "cost", "weights": {"cost": 2, "speed": 0.5}, "rules": [{"when": "size(request.messages) > 3", "use": "gpt"}],
                 "fallback": ["claude", "groq"], "maxAttempts": 5, "budgetMs": 9000, "restartOnInterrupt": true,
                 "require": ["tools"], "expectedOutputTokens": 200, "exploration": 0, "maxTokens": 64, "stream": false}""");
        assertThat(c.preset()).isEqualTo(Preset.COST);
        assertThat(c.weights()).isEqualTo(new RouterConfig.Weights(2, 0.5, 1));
        assertThat(c.rules()).containsExactly(new RouterConfig.Rule(0, "size(request.messages) > 3", "gpt"));
        assertThat(c.fallback()).containsExactly("claude", "groq");
        assertThat(c.maxAttempts()).isEqualTo(5);
        assertThat(c.budgetMs()).isEqualTo(9000);
        assertThat(c.restartOnInterrupt()).isTrue();
        assertThat(c.require()).isEqualTo(Set.of("tools"));
        assertThat(c.expectedOutputTokens()).isEqualTo(200);
        assertThat(c.exploration()).isZero();
        assertThat(c.maxTokens()).isEqualTo(64);
        assertThat(c.stream()).isFalse();
    }

    @Test
    void aConfigOfTheWrongShapeIsAClearNodeError() {
        assertThatThrownBy(() -> read("{\"maxAttempts\": \"three\"}"))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("llmRouter config does not match its schema");
        assertThatThrownBy(() -> read("{\"rules\": {\"when\": \"true\"}}")).isInstanceOf(NodeException.class);
    }
}
