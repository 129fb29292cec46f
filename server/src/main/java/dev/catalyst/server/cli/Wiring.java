package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateNode;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.engine.Engine;
import dev.catalyst.llm.LlmNodes;
import dev.catalyst.llm.http.ProviderSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts the engine together for the commands: which executor runs each node type, which renderer
 * renders templates, where the providers are and which credentials reach them. The engine adds
 * streamResponse itself; a node type with no executor here fails planning as {@code not_runnable}.
 */
final class Wiring {
    /** Tests of the commands put their node stand-ins here; null means the built-in wiring. */
    static volatile Map<String, NodeExecutor> executorsOverride;

    private Wiring() {}

    /** Every node executor this build has, calling providers as {@code settings} says. */
    static Map<String, NodeExecutor> executors(ProviderSettings settings) {
        Map<String, NodeExecutor> o = executorsOverride;
        if (o != null) return o;
        var out = new LinkedHashMap<String, NodeExecutor>();
        out.put("promptTemplate", new PromptTemplateNode(TemplateEngine.standard()));
        out.putAll(LlmNodes.executors(settings, renderer())); // completions, embeddings, llmRouter
        return Map.copyOf(out);
    }

    static TemplateRenderer renderer() {
        return TemplateEngine.standard();
    }

    /** An engine whose provider calls and credentials follow {@code providers} (real or simulated). */
    static Engine engine(ModelCatalog catalog, ProviderMode providers) {
        return new Engine(NodeRegistry.builtIn(), catalog, executors(providers.settings()), renderer(), providers.secrets());
    }
}
