package dev.catalyst.server.http;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.llm.nodes.router.RouterState;
import java.util.function.BooleanSupplier;

/** Health, the node registry, the model catalog and the router's live state (cooldowns, learned latency). */
final class MetaRoutes implements Router.Routes {
    private final NodeRegistry registry;
    private final ModelCatalog catalog;
    private final String version;
    private final boolean simulated;
    private final RouterState routerState;
    private final BooleanSupplier draining;

    /** {@code draining}: the server is stopping; health says so with a 503, so a balancer stops sending it work. */
    MetaRoutes(NodeRegistry registry, ModelCatalog catalog, String version, boolean simulated, RouterState routerState,
               BooleanSupplier draining) {
        this.draining = draining;
        this.simulated = simulated;
        this.routerState = routerState;
        this.registry = registry;
        this.catalog = catalog;
        this.version = version;
    }

    @Override
    public void routing(Router.Rules rules) {
        rules.get("/health", ex -> {
            var body = Json.object();
            boolean stopping = draining.getAsBoolean();
            body.put("status", stopping ? "draining" : "ok");
            body.put("version", version);
            body.put("simulate", simulated);
            Http.json(ex, stopping ? 503 : 200, body);
        });
        rules.get("/nodes", ex -> Http.json(ex, 200, registry.all()));
        rules.get("/models", ex -> Http.json(ex, 200, catalog.all()));
        // the state this server's router nodes share: deployments cooling down and observed latency
        rules.get("/router/status", ex -> Http.json(ex, 200, routerState.snapshot()));
    }
}
