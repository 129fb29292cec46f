package dev.catalyst.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.TemplateDeps;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateConfig;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateNode;
import dev.catalyst.core.template.TemplateEngine;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class NodeKindTest {
    private final PromptTemplateKind prompt = new PromptTemplateKind();

    @Test
    void aKindsSpecIsReadFromItsFolderWithTheSharedDefinitions() {
        NodeType spec = prompt.spec();
        assertThat(spec.type()).isEqualTo(PromptTemplateKind.TYPE);
        assertThat(spec.outputs()).extracting(Port::name).containsExactly("messages", "text");
        assertThat(spec.defaultOf("strict").booleanValue()).isTrue();
        assertThat(spec.generates()).isFalse();
        assertThat(spec.answerStream()).isFalse();
        assertThat(spec.expressionVariables()).isEmpty();
    }

    @Test
    void aMissingSpecNamesTheFileAndTheKind() {
        assertThatThrownBy(() -> NodeSpecs.load(NodeKindTest.class, "nope.json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nope.json").hasMessageContaining("NodeKindTest");
    }

    @Test
    void theRegistryAndTheExecutorsComeFromTheSameKinds() {
        var templates = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT));
        TemplateDeps deps = () -> templates;
        var registry = NodeRegistry.of(List.of(prompt));
        assertThat(registry.typeNames()).containsExactly(PromptTemplateKind.TYPE);
        assertThat(registry.checks(PromptTemplateKind.TYPE)).hasSize(1);
        assertThat(registry.checks("nope")).isEmpty();
        var executors = NodeKind.executors(List.of(prompt), deps);
        assertThat(executors).containsOnlyKeys(PromptTemplateKind.TYPE);
        assertThat(executors.get(PromptTemplateKind.TYPE)).isInstanceOf(PromptTemplateNode.class);
    }

    @Test
    void theConfigRecordHasTheSchemasPropertiesAndReadsAConfig() {
        var props = prompt.spec().config().get("properties").propertyNames();
        assertThat(Arrays.stream(prompt.configType().getRecordComponents()).map(c -> c.getName()))
                .containsExactlyInAnyOrderElementsOf(props);
        ObjectNode written = (ObjectNode) Json.parse("""
                {"messages": [{"role": "system", "content": "Be brief."}]}""");
        var config = Json.MAPPER.treeToValue(prompt.spec().withDefaults(written), prompt.configType());
        assertThat(config).isEqualTo(new PromptTemplateConfig(List.of(new PromptTemplateConfig.Message("system", "Be brief.")), null, true));
    }
}
