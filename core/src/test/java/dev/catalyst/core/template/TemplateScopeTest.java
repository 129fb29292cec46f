package dev.catalyst.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateScopeTest {
    @Test
    void variablesDefaultToTheWorkflowInputs() {
        var inputs = Map.of("topic", Json.parse("\"otters\""));
        var scope = TemplateScope.ofInputs(inputs);
        assertThat(scope.variables()).isEqualTo(inputs);
        assertThat(scope.nodeOutputs()).isEmpty();
        assertThat(new TemplateScope(inputs, null, null).variables()).isEqualTo(inputs);
    }

    @Test
    void nothingGivenMeansEmptyScopes() {
        var scope = new TemplateScope(null, null, null);
        assertThat(scope.inputs()).isEmpty();
        assertThat(scope.nodeOutputs()).isEmpty();
        assertThat(scope.variables()).isEmpty();
    }

    @Test
    void variablesOverrideInputsWhenGiven() {
        var scope = new TemplateScope(Map.of("topic", Json.parse("\"otters\"")), Map.of(),
                Map.of("topic", Json.parse("\"seals\"")));
        assertThat(scope.variables().get("topic").stringValue()).isEqualTo("seals");
        assertThat(scope.inputs().get("topic").stringValue()).isEqualTo("otters");
    }
}
