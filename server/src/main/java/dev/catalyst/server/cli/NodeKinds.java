package dev.catalyst.server.cli;

import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.nodes.textjoin.TextJoinKind;
import dev.catalyst.core.registry.NodeKind;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.engine.nodes.streamresponse.StreamResponseKind;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.llm.nodes.LlmDeps;
import dev.catalyst.llm.nodes.completion.CompletionKind;
import dev.catalyst.llm.nodes.embedding.EmbeddingKind;
import dev.catalyst.llm.nodes.embedding.EmbeddingSetup;
import dev.catalyst.llm.nodes.router.RouterKind;
import dev.catalyst.llm.nodes.router.RouterState;
import java.util.List;
import java.util.Map;

/**
 * The node kinds of this build, in palette order: the one place a node type is wired in. The
 * registry (palette, validation) and the executors are both built from this list; adding a node
 * is a new folder plus one line here (docs/adding-a-node.md).
 */
public final class NodeKinds {
    /** Everything the kinds' executors need; each module's kinds see it through their own interface. */
    public record Deps(TemplateEngine templates, ProviderSettings providers, RouterState routerState, EmbeddingSetup embeddings) implements LlmDeps {}

    private NodeKinds() {}

    /**
     * New instances of every kind, in palette order. Fresh on each call, never a shared constant:
     * a spec's schema and defaults are JSON trees its holder can change.
     */
    public static List<NodeKind<? super Deps>> all() {
        return List.of(
                new PromptTemplateKind(),
                CompletionKind.anthropic(),
                CompletionKind.openai(),
                CompletionKind.groq(),
                new EmbeddingKind(),
                new RouterKind(),
                new StreamResponseKind(),
                new TextJoinKind());
    }

    /** The registry: every kind's spec and checks. */
    public static NodeRegistry registry() {
        return NodeRegistry.of(all());
    }

    /** A new executor for every kind, over {@code deps}. */
    public static Map<String, NodeExecutor> executors(Deps deps) {
        return NodeKind.executors(all(), deps);
    }
}
