package dev.catalyst.core.exec;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One execution of one node.
 *
 * @param config the node's config with the registry's defaults applied
 * @param inputs values arriving on input ports, by port name; a port that takes many edges gets a
 *               JSON array of the values in edge order
 */
public record NodeCall(String nodeId, String nodeType, ObjectNode config, Map<String, JsonNode> inputs, NodeContext context) {
    public JsonNode input(String port) {
        return inputs.get(port);
    }
}
