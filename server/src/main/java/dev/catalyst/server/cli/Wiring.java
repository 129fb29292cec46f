package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.CpuPool;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.expr.Ticker;
import dev.catalyst.core.nodes.PromptTemplateExecutor;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.validation.WorkflowValidator;
import dev.catalyst.engine.Engine;
import dev.catalyst.engine.EngineOptions;
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
    static Map<String, NodeExecutor> executors(ProviderSettings settings, TemplateEngine templates) {
        Map<String, NodeExecutor> o = executorsOverride;
        if (o != null) return o;
        var out = new LinkedHashMap<String, NodeExecutor>();
        out.put("promptTemplate", new PromptTemplateExecutor(templates));
        out.putAll(LlmNodes.executors(settings, templates)); // completions, embeddings, llmRouter
        return Map.copyOf(out);
    }

    /**
     * An engine whose provider calls and credentials follow {@code providers} (real or simulated).
     * Expressions, templates and validation run on one CPU pool of its own (ADR 8).
     */
    static Engine engine(ModelCatalog catalog, ProviderMode providers) {
        var cpu = CpuPool.perCore("catalyst-cpu");
        var templates = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT, Ticker.SYSTEM, cpu));
        var registry = NodeRegistry.builtIn();
        return new Engine(registry, catalog, executors(providers.settings(), templates), templates, providers.secrets(),
                EngineOptions.DEFAULTS, new WorkflowValidator(registry, catalog), cpu);
    }
}
