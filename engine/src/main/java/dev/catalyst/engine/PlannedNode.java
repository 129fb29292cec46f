package dev.catalyst.engine;

import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.workflow.Edge;
import dev.catalyst.core.workflow.Node;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * One node ready to run.
 *
 * @param config       the node's config with the registry's defaults applied
 * @param inputEdges   incoming edges by target port, in workflow order
 * @param upstream     nodes whose outputs this node waits for (empty for a model handle)
 * @param modelHandle  a completion node wired only into a router's {@code models} port: it does not
 *                     call its model, it only hands its {@code model} description to the router
 */
public record PlannedNode(Node node, NodeType type, ObjectNode config, Map<String, List<Edge>> inputEdges,
                          Set<String> upstream, boolean modelHandle) {
    public String id() {
        return node.id();
    }
}
