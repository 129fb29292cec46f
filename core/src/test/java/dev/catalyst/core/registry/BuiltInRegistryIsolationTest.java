package dev.catalyst.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuiltInRegistryIsolationTest {
    @Test
    void eachBuiltInRegistryOwnsItsSchemas() {
        var mine = NodeRegistry.builtIn();
        var theirs = NodeRegistry.builtIn();
        // a node type's schema and defaults are JSON trees anyone holding the type can change
        mine.get("promptTemplate").config().put("title", "changed here");
        mine.get("promptTemplate").defaults().put("strict", false);

        assertThat(theirs.get("promptTemplate").config().has("title")).isFalse();
        assertThat(theirs.get("promptTemplate").defaultOf("strict").booleanValue()).isTrue();
        assertThat(NodeRegistry.builtIn().get("promptTemplate").config().has("title")).isFalse();
    }
}
