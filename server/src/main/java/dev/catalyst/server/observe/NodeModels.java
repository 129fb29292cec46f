package dev.catalyst.server.observe;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Workflow;
import dev.catalyst.core.workflow.Edge;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Which model each node of one run calls: from the workflow, then from the router's choices as they come. */
final class NodeModels {
    private final Workflow workflow;
    private final Map<String, ModelRef> chosen = new HashMap<>();
    private final Set<String> modelOnly;

    NodeModels(Workflow workflow) {
        this.workflow = workflow;
        this.modelOnly = modelOnly(workflow);
    }

    /** The node's model as known now, or null for a node that calls none. */
    ModelRef of(String nodeId) {
        ModelRef c = chosen.get(nodeId);
        if (c != null) return c;
        if (modelOnly.contains(nodeId)) return null;
        return workflow.node(nodeId).map(ModelRef::of).orElse(null);
    }

    // as the validator's rule: a completion node wired only as a router's model, with nothing coming in,
    // is configuration (it hands over its model and calls nothing); the router's span carries the call
    private static Set<String> modelOnly(Workflow workflow) {
        var out = new HashSet<String>();
        for (Edge e : workflow.edges()) if ("model".equals(e.sourcePort())) out.add(e.source());
        for (Edge e : workflow.edges()) {
            if (!"model".equals(e.sourcePort())) out.remove(e.source());
            out.remove(e.target());
        }
        return out;
    }

    /** The node's type, or null for an id the workflow does not have. */
    String typeOf(String nodeId) {
        return workflow.node(nodeId).map(Node::type).orElse(null);
    }

    /** A router chose a candidate: its provider and model, from the decision's candidate list. */
    void chose(RunEvent.RouterDecision d) {
        if (d.chosen() == null || d.candidates() == null) return;
        for (JsonNode c : d.candidates()) {
            if (d.chosen().equals(c.path("id").asString(null))) {
                chosen.put(d.nodeId(), new ModelRef(c.path("provider").asString(ModelRef.UNKNOWN),
                        c.path("model").asString(ModelRef.UNKNOWN), "chat"));
                return;
            }
        }
    }
}
