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
}
