package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.engine.Engine;
import dev.catalyst.llm.http.ProviderSettings;
import dev.catalyst.llm.nodes.router.RouterState;
import java.util.Map;

/**
 * Puts the engine together for the commands: the node kinds ({@link NodeKinds}) with their
 * dependencies, which renderer renders templates, where the providers are and which credentials reach them.
 */
final class Wiring {
    /** Tests of the commands put their node stand-ins here; null means the built-in wiring. */
    static volatile Map<String, NodeExecutor> executorsOverride;

    private Wiring() {}

    /** Every node executor this build has, calling providers as {@code settings} says. */
    static Map<String, NodeExecutor> executors(ProviderSettings settings) {
        Map<String, NodeExecutor> o = executorsOverride;
        if (o != null) return o;
        return NodeKinds.executors(new NodeKinds.Deps(TemplateEngine.standard(), settings, RouterState.shared()));
    }

    static TemplateRenderer renderer() {
        return TemplateEngine.standard();
    }

    /** An engine whose provider calls and credentials follow {@code providers} (real or simulated). */
    static Engine engine(ModelCatalog catalog, ProviderMode providers) {
        return new Engine(NodeKinds.registry(), catalog, executors(providers.settings()), renderer(), providers.secrets());
    }
}
