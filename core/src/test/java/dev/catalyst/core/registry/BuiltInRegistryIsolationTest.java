package dev.catalyst.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInRegistryIsolationTest {
    @Test
    void eachKindInstanceOwnsItsSchemas() {
        var mine = NodeRegistry.of(List.of(new PromptTemplateKind()));
        var theirs = NodeRegistry.of(List.of(new PromptTemplateKind()));
        // a node type's schema and defaults are JSON trees anyone holding the type can change
        mine.get(PromptTemplateKind.TYPE).config().put("title", "changed here");
        mine.get(PromptTemplateKind.TYPE).defaults().put("strict", false);

        assertThat(theirs.get(PromptTemplateKind.TYPE).config().has("title")).isFalse();
        assertThat(theirs.get(PromptTemplateKind.TYPE).defaultOf("strict").booleanValue()).isTrue();
        assertThat(new PromptTemplateKind().spec().config().has("title")).isFalse();
    }
}
