package dev.catalyst.core.validation;

import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.registry.Port;
import dev.catalyst.core.workflow.Edge;
import dev.catalyst.core.workflow.Node;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Inputs a node cannot run without: required ports, and groups of which one must be connected. */
final class InputPortCheck implements WorkflowCheck {
    @Override
    public void check(ValidationContext ctx) {
        // A completion node wired only as a router's model is configuration, not a step of its own.
        Set<String> modelOnly = ctx.wellFormedEdges().stream().filter(e -> e.sourcePort().equals("model"))
                .map(Edge::source).collect(Collectors.toSet());
        // a node whose other outputs feed something runs as a step too, and needs its input
        ctx.wellFormedEdges().stream().filter(e -> !e.sourcePort().equals("model")).map(Edge::source).forEach(modelOnly::remove);
        for (Node node : ctx.nodesById().values()) {
            NodeType type = ctx.typeOf(node);
            if (type == null) continue;
            Set<String> connected = ctx.edgesInto(node.id()).stream().map(Edge::targetPort).collect(Collectors.toSet());
            for (Port p : type.inputs()) {
                if (p.required() && !connected.contains(p.name())) {
                    ctx.add(ValidationIssue.error(node.id(), "inputs." + p.name(), IssueCodes.MISSING_INPUT,
                            type.type() + " needs an edge into its '" + p.name() + "' input"));
                }
            }
            for (List<String> group : type.requiredInputs()) {
                if (modelOnly.contains(node.id()) && connected.isEmpty()) continue;
                if (group.stream().noneMatch(connected::contains)) {
                    ctx.add(ValidationIssue.error(node.id(), "inputs." + group.get(0), IssueCodes.MISSING_INPUT,
                            type.type() + " needs an edge into " + String.join(" or ", group)));
                }
            }
        }
    }
}
