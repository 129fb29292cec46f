package dev.catalyst.server.http;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.llm.router.RouterState;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** Health, the node registry, the model catalog and the router's live state (cooldowns, learned latency). */
final class MetaRoutes implements HttpService {
    private final NodeRegistry registry;
    private final ModelCatalog catalog;
    private final String version;
    private final boolean simulated;

    MetaRoutes(NodeRegistry registry, ModelCatalog catalog, String version, boolean simulated) {
        this.simulated = simulated;
        this.registry = registry;
        this.catalog = catalog;
        this.version = version;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", (req, res) -> {
            var body = Json.object();
            body.put("status", "ok");
            body.put("version", version);
            body.put("simulate", simulated);
            Http.json(res, 200, body);
        });
        rules.get("/nodes", (req, res) -> Http.json(res, 200, registry.all()));
        rules.get("/models", (req, res) -> Http.json(res, 200, catalog.all()));
        // shared by every run in this process: deployments cooling down and observed latency
        rules.get("/router/status", (req, res) -> Http.json(res, 200, RouterState.shared().snapshot()));
    }
}
