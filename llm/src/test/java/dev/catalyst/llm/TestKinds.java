package dev.catalyst.llm;

import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.registry.NodeKind;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.llm.nodes.LlmDeps;
import dev.catalyst.llm.nodes.completion.CompletionKind;
import dev.catalyst.llm.nodes.embedding.EmbeddingKind;
import dev.catalyst.llm.nodes.embedding.EmbeddingSetup;
import dev.catalyst.llm.nodes.router.RouterKind;
import dev.catalyst.llm.nodes.router.RouterState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** This module's node kinds, built the way the server's wiring builds them, over the test's own settings and router state. */
public final class TestKinds {
    private TestKinds() {}

    public record Deps(TemplateEngine templates, ProviderSettings providers, RouterState routerState, EmbeddingSetup embeddings) implements LlmDeps {}

    public static List<NodeKind<LlmDeps>> kinds() {
        return List.of(CompletionKind.anthropic(), CompletionKind.openai(), CompletionKind.groq(), new EmbeddingKind(), new RouterKind());
    }

    /** Executors by node type, with a fresh router state on a clock that stands still. */
    public static Map<String, NodeExecutor> executors(ProviderSettings settings) {
        var clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        return executors(settings, new RouterState(clock, RouterState.Settings.defaults()));
    }

    public static Map<String, NodeExecutor> executors(ProviderSettings settings, RouterState state) {
        return executors(settings, state, new EmbeddingSetup("openai", new WordCountEmbedder()));
    }

    public static Map<String, NodeExecutor> executors(ProviderSettings settings, RouterState state, EmbeddingSetup embeddings) {
        return NodeKind.executors(kinds(), new Deps(new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT)), settings, state, embeddings));
    }
}
