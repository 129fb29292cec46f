package dev.catalyst.engine;

import dev.catalyst.core.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** The {@code model} output of a completion node: what a router needs to call that model itself. */
final class ModelHandles {
    private ModelHandles() {}

    static ObjectNode of(PlannedNode n) {
        ObjectNode handle = Json.object();
        String provider = n.type().provider();
        handle.put("provider", provider);
        handle.put("model", text(n.config(), "model"));
        String credential = text(n.config(), "credential");
        if (credential == null) credential = n.type().credentials().isEmpty() ? provider : n.type().credentials().getFirst();
        handle.put("credential", credential);
        handle.set("params", n.config().deepCopy());
        handle.put("nodeId", n.id());
        return handle;
    }

    private static String text(ObjectNode config, String key) {
        var v = config.get(key);
        return v != null && v.isString() ? v.stringValue() : null;
    }
}
