package dev.catalyst.core.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node type as the registry describes it: what the palette shows, which ports it has, the JSON
 * Schema (draft 2020-12) of its config with defaults, whether it streams, and which credentials it uses.
 *
 * @param provider       the LLM provider a completion node calls, or null
 * @param requiredInputs groups of input ports of which at least one must be connected
 * @param expressions    config paths holding templates or CEL expressions ({@code rules[].when} → "expression")
 * @param generates      its tokens may be the workflow's answer stream (the last generating node is, when no node marks one)
 * @param answerStream   it marks the workflow's answer stream: the node feeding its {@code text} input (one per workflow)
 * @param expressionVariables names an expression at a config path may read besides the workflow's own
 *                       (a router rule reads the request as {@code request})
 */
public record NodeType(
        String type,
        String category,
        String label,
        String description,
        String provider,
        boolean streaming,
        List<String> credentials,
        List<Port> inputs,
        List<Port> outputs,
        List<List<String>> requiredInputs,
        Map<String, String> expressions,
        boolean generates,
        boolean answerStream,
        Map<String, List<String>> expressionVariables,
        ObjectNode config,
        ObjectNode defaults) {

    public Optional<Port> input(String name) {
        return inputs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Port> output(String name) {
        return outputs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @JsonIgnore
    public boolean isCompletion() {
        return provider != null;
    }

    /** Config with the schema's top-level defaults filled in for keys the node leaves out. */
    public ObjectNode withDefaults(ObjectNode nodeConfig) {
        ObjectNode merged = defaults.deepCopy();
        if (nodeConfig != null) {
            for (var e : nodeConfig.properties()) merged.set(e.getKey(), e.getValue());
        }
        return merged;
    }

    /** The default of one top-level config key, or null. */
    public JsonNode defaultOf(String key) {
        return defaults.get(key);
    }
}
