package dev.catalyst.server.runs;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.engine.NodeMetrics;
import dev.catalyst.server.store.StoredEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A cut-off run's per-node records, rebuilt from its stored node events (the engine that would
 * have written them is gone): the same shape the engine reports, in the order the nodes started.
 * A node that started and never ended reads failed with {@code interrupted}.
 */
final class NodesFromEvents {
    private NodesFromEvents() {}

    static String rebuild(List<StoredEvent> events) {
        Map<String, NodeMetrics> nodes = new LinkedHashMap<>();
        for (StoredEvent e : events) {
            JsonNode d = Json.parse(e.data());
            String id = d.path("nodeId").asString(null);
            if (id == null) continue;
            switch (e.name()) {
                case "node.started" -> nodes.put(id, new NodeMetrics(id, d.path("type").asString(null), "failed", null, null,
                        null, null, new RunEvent.ErrorInfo(ErrorCode.INTERRUPTED,
                        "node " + id + ": the server stopped while this node ran", false, id, null)));
                case "node.completed" -> nodes.put(id, new NodeMetrics(id, typeOf(nodes, id), "completed",
                        longOrNull(d.get("latencyMs")), longOrNull(d.get("ttftMs")), usage(d.get("usage")),
                        d.path("costUsd").isNumber() ? d.get("costUsd").decimalValue() : null, null));
                case "node.failed" -> {
                    var error = d.hasNonNull("error") ? Json.MAPPER.treeToValue(d.get("error"), RunEvent.ErrorInfo.class) : null;
                    String status = error != null && error.code() == ErrorCode.CANCELLED ? "cancelled" : "failed";
                    nodes.put(id, new NodeMetrics(id, typeOf(nodes, id), status, null, null, null, null, error));
                }
                default -> { }
            }
        }
        return Json.write(nodes.values());
    }

    private static String typeOf(Map<String, NodeMetrics> nodes, String id) {
        NodeMetrics started = nodes.get(id);
        return started == null ? null : started.type();
    }

    private static Long longOrNull(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asLong();
    }

    private static Usage usage(JsonNode n) {
        return n == null || !n.isObject() ? null : Json.MAPPER.treeToValue(n, Usage.class);
    }

}
