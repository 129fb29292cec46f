package dev.catalyst.server.http;

import dev.catalyst.core.secrets.KeyShape;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Workflows hold credential names only. A workflow that arrives to be stored or run with
 * something key-shaped where a name belongs is refused before it reaches the database or a run
 * record, saying where the key should go and never repeating it.
 */
final class CredentialScan {
    private CredentialScan() {}

    /** Throws 400 {@code key_in_workflow} naming the node and field of the first key-shaped credential. */
    static void refuseKeys(JsonNode workflow) {
        if (workflow == null || !workflow.path("nodes").isArray()) return;
        for (JsonNode node : workflow.path("nodes")) {
            String found = find(node.path("config"), "config");
            if (found != null) {
                String id = node.path("id").isString() ? node.path("id").stringValue() : "?";
                String shownId = id.length() > 100 || KeyShape.looksLikeKey(id) ? "?" : id;
                throw new ApiException(400, "key_in_workflow", "node '" + shownId + "' has what looks like an API key in " + found
                        + "; a workflow holds only the name of a secret. Store the key with `catalyst secrets set <name>`"
                        + " (or PUT /api/secrets/<name>), put that name in " + found + ", and rotate the key if this file was shared",
                        Map.of("nodeId", shownId, "field", found));
            }
        }
    }

    // the path of a "credential" field holding a key-shaped string, at any depth (router candidates nest them)
    private static String find(JsonNode value, String path) {
        if (value.isObject()) {
            for (var e : value.properties()) {
                String here = path + "." + e.getKey();
                if (e.getKey().equals("credential") && e.getValue().isString() && KeyShape.looksLikeKey(e.getValue().stringValue())) return here;
                String deeper = find(e.getValue(), here);
                if (deeper != null) return deeper;
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                String deeper = find(value.get(i), path + "[" + i + "]");
                if (deeper != null) return deeper;
            }
        }
        return null;
    }
}
