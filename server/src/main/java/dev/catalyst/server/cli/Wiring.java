package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.CpuPool;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.expr.Ticker;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.validation.WorkflowValidator;
import dev.catalyst.engine.Engine;
import dev.catalyst.engine.EngineOptions;
import dev.catalyst.embedlocal.MiniLmEmbedder;
import dev.catalyst.llm.nodes.embedding.EmbeddingSetup;
import dev.catalyst.llm.nodes.router.RouterState;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Puts the engine together for the commands: the node kinds ({@link NodeKinds}) with their
 * dependencies, which renderer renders templates, where the providers are and which credentials
 * reach them. It owns the one {@link RouterState} of this CLI session (or server), shared by the
 * router node and the status route. Expressions, templates and validation run on one CPU pool per engine (ADR 8).
 */
final class Wiring {
    /** Builds the node executors for provider settings; the router ones keep their state in {@code routerState}. */
    @FunctionalInterface
    interface Executors {
        Map<String, NodeExecutor> build(ProviderMode providers, TemplateEngine templates, RouterState routerState);
    }

    private final RouterState routerState;
    private final Executors executors;

    Wiring(RouterState routerState, Executors executors) {
        this.routerState = Objects.requireNonNull(routerState, "routerState");
        this.executors = Objects.requireNonNull(executors, "executors");
    }

    /** Every node executor this build has; cooldowns and learned latency run on {@code clock}. */
    static Wiring standard(Clock clock) {
        // one local model per process, loaded on its first text (engines built later share it)
        var local = new MiniLmEmbedder(Runtime.getRuntime().availableProcessors());
        return new Wiring(new RouterState(clock, RouterState.Settings.defaults()), (providers, templates, routerState) ->
                NodeKinds.executors(new NodeKinds.Deps(templates, providers.settings(), routerState,
                        new EmbeddingSetup(providers.embeddingProvider(), local))));
    }

    RouterState routerState() {
        return routerState;
    }

    /** A template engine for a one-shot command (render, validate): it evaluates on the caller's thread. */
    TemplateEngine templates() {
        return new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT));
    }

    /** An engine whose provider calls and credentials follow {@code providers} (real or simulated). */
    Engine engine(ModelCatalog catalog, ProviderMode providers) {
        var cpu = CpuPool.perCore("catalyst-cpu");
        var templates = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT, Ticker.SYSTEM, cpu));
        var registry = NodeKinds.registry();
        return new Engine(registry, catalog, executors.build(providers, templates, routerState), templates,
                providers.secrets(), EngineOptions.DEFAULTS, new WorkflowValidator(registry, catalog, templates), cpu);
    }
}
