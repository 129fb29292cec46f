package dev.catalyst.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCacheTest {
    private final List<String> compiled = new ArrayList<>();

    private PlanCache.Compiled compile(String definition) {
        compiled.add(definition);
        if (definition.contains("broken")) throw new RunException.StoredWorkflowDamaged("w");
        return new PlanCache.Compiled(null, null);
    }

    @Test
    void eachTextIsCompiledOnceAndTheLeastRecentlyUsedGoesPastTheCapacity() {
        var cache = new PlanCache(2);
        var a = cache.get("a", "A1", this::compile);
        assertThat(cache.get("a", "A1", this::compile)).isSameAs(a);
        var b = cache.get("b", "B1", this::compile);
        assertThat(cache.get("a", "A1", this::compile)).isSameAs(a); // a is now the most recent
        cache.get("c", "C1", this::compile); // b goes
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("a", "A1", this::compile)).isSameAs(a);
        assertThat(cache.get("b", "B1", this::compile)).isNotSameAs(b);
        assertThat(compiled).containsExactly("A1", "B1", "C1", "B1");
    }

    @Test
    void aNewTextIsCompiledAgainAndARefusalIsNotKept() {
        var cache = new PlanCache(4);
        var first = cache.get("w", "v1", this::compile);
        assertThat(cache.get("w", "v2", this::compile)).isNotSameAs(first);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.get("w", "broken", this::compile)).isInstanceOf(RunException.StoredWorkflowDamaged.class);
        }
        assertThat(compiled).containsExactly("v1", "v2", "broken", "broken");
        assertThatThrownBy(() -> new PlanCache(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInlineWorkflowIsCompiledOncePerValueAndARefusalIsNotKept() {
        var cache = new PlanCache(2);
        var seen = new java.util.ArrayList<String>();
        java.util.function.Function<dev.catalyst.core.workflow.Workflow, PlanCache.Compiled> compiler = w -> {
            seen.add(w.id());
            if (w.id().equals("broken")) throw new RunException.InvalidWorkflow("refused", java.util.List.of());
            return new PlanCache.Compiled(w, null);
        };
        var a = cache.inline(workflow("a", "x"), compiler);
        assertThat(cache.inline(workflow("a", "x"), compiler)).as("an equal workflow, decoded again").isSameAs(a);
        assertThat(cache.inline(workflow("a", "y"), compiler)).as("a different config").isNotSameAs(a);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.inline(workflow("broken", "x"), compiler)).isInstanceOf(RunException.InvalidWorkflow.class);
        }
        cache.inline(workflow("c", "x"), compiler); // the least recently used goes: a/x
        assertThat(cache.inlineSize()).isEqualTo(2);
        assertThat(seen).containsExactly("a", "a", "broken", "broken", "c");
        cache.inline(workflow("a", "x"), compiler);
        assertThat(seen).hasSize(6);
    }

    private static dev.catalyst.core.workflow.Workflow workflow(String id, String template) {
        return dev.catalyst.core.workflow.WorkflowCodec.read("""
                { "schemaVersion": 1, "id": "%s", "nodes": [ { "id": "p", "type": "promptTemplate", "config": { "template": "%s" } } ], "edges": [] }
                """.formatted(id, template)).workflow();
    }
}
