package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.registry.NodeKind;
import dev.catalyst.core.registry.NodeSpecs;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.validation.KindCheck;
import dev.catalyst.llm.nodes.LlmDeps;
import dev.catalyst.llm.nodes.completion.CompletionKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * The {@code llmRouter} kind. Its executor calls candidates through the completion kinds' own
 * executors, one per provider, and shares the router state the wiring hands in.
 */
public final class RouterKind implements NodeKind<LlmDeps> {
    /** The type id, for code that builds workflows (the /v1 gateway); its spec says the same (tested). */
    public static final String TYPE = "llmRouter";

    private final NodeType spec = NodeSpecs.load(RouterKind.class, TYPE + ".json");

    @Override
    public NodeType spec() {
        return spec;
    }

    @Override
    public Class<LlmRouterConfig> configType() {
        return LlmRouterConfig.class;
    }

    @Override
    public List<KindCheck> checks() {
        return List.of(new RouterCheck());
    }

    @Override
    public NodeExecutor executor(LlmDeps deps) {
        var completions = new LinkedHashMap<String, NodeExecutor>();
        for (CompletionKind c : CompletionKind.all()) completions.put(c.provider(), c.executor(deps));
        return new RouterNode(spec, completions, deps.routerState(), deps.templates().expressions(), new Random());
    }
}
