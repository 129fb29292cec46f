package dev.catalyst.core.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A workflow as stored in its JSON file (contract: ARCHITECTURE.md, "Workflow JSON"). */
public record Workflow(
        int schemaVersion,
        String id,
        String name,
        String description,
        Map<String, InputSpec> inputs,
        List<Node> nodes,
        List<Edge> edges,
        Map<String, String> outputs,
        JsonNode ui) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    public Workflow {
        inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public Optional<Node> node(String nodeId) {
        return nodes.stream().filter(n -> n.id().equals(nodeId)).findFirst();
    }
}
