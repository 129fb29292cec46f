package dev.catalyst.core.validation;

import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.registry.Port;
import dev.catalyst.core.registry.PortType;
import dev.catalyst.core.workflow.Edge;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Suggest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Edges: both ends exist, ports exist, types fit, single-valued ports get one edge, no duplicates. */
final class EdgeCheck implements WorkflowCheck {
    @Override
    public void check(ValidationContext ctx) {
        var ids = new HashSet<String>();
        var connections = new HashSet<String>();
        Map<String, Integer> edgesPerInput = new HashMap<>();
        for (Edge e : ctx.workflow().edges()) {
            if (!ids.add(e.id())) {
                ctx.add(ValidationIssue.edgeError(e.id(), null, "id", IssueCodes.DUPLICATE_ID, "edge id '" + e.id() + "' is used twice"));
                continue;
            }
            Node source = ctx.nodesById().get(e.source());
            Node target = ctx.nodesById().get(e.target());
            boolean dangling = false;
            if (source == null) {
                ctx.add(ValidationIssue.edgeError(e.id(), null, "source", IssueCodes.DANGLING_EDGE,
                        "edge " + e.describe() + " starts at node '" + e.source() + "', which does not exist"
                                + Suggest.didYouMean(e.source(), ctx.nodesById().keySet())));
                dangling = true;
            }
            if (target == null) {
                ctx.add(ValidationIssue.edgeError(e.id(), null, "target", IssueCodes.DANGLING_EDGE,
                        "edge " + e.describe() + " ends at node '" + e.target() + "', which does not exist"
                                + Suggest.didYouMean(e.target(), ctx.nodesById().keySet())));
                dangling = true;
            }
            if (dangling) continue;
            NodeType sourceType = ctx.typeOf(source);
            NodeType targetType = ctx.typeOf(target);
            if (sourceType == null || targetType == null) continue; // unknown type already reported
            Optional<Port> out = sourceType.output(e.sourcePort());
            Optional<Port> in = targetType.input(e.targetPort());
            if (out.isEmpty()) {
                ctx.add(ValidationIssue.edgeError(e.id(), source.id(), "sourcePort", IssueCodes.UNKNOWN_PORT,
                        source.type() + " has no output '" + e.sourcePort() + "'" + portList(sourceType.outputs(), e.sourcePort())));
            }
            if (in.isEmpty()) {
                ctx.add(ValidationIssue.edgeError(e.id(), target.id(), "targetPort", IssueCodes.UNKNOWN_PORT,
                        target.type() + " has no input '" + e.targetPort() + "'" + portList(targetType.inputs(), e.targetPort())));
            }
            if (out.isEmpty() || in.isEmpty()) continue;
            if (!in.get().type().accepts(out.get().type())) {
                ctx.add(ValidationIssue.edgeError(e.id(), target.id(), "targetPort", IssueCodes.INCOMPATIBLE_PORTS,
                        "cannot connect " + e.describe() + ": " + out.get().type().wireName() + " does not fit "
                                + in.get().type().wireName() + hint(out.get().type(), targetType, sourceType)));
                continue;
            }
            if (!connections.add(e.source() + "\u0000" + e.sourcePort() + "\u0000" + e.target() + "\u0000" + e.targetPort())) {
                ctx.add(ValidationIssue.edgeError(e.id(), target.id(), null, IssueCodes.DUPLICATE_EDGE,
                        "edge " + e.describe() + " duplicates an earlier edge"));
                continue;
            }
            int count = edgesPerInput.merge(e.target() + "\u0000" + e.targetPort(), 1, Integer::sum);
            if (count > 1 && !in.get().many()) {
                ctx.add(ValidationIssue.edgeError(e.id(), target.id(), "targetPort", IssueCodes.TOO_MANY_EDGES,
                        "input '" + e.targetPort() + "' of " + target.id() + " takes one edge; " + e.describe() + " is an extra one"));
                continue;
            }
            ctx.addWellFormed(e);
        }
    }

    private static String portList(List<Port> ports, String wrong) {
        var names = ports.stream().map(Port::name).toList();
        String suggestion = Suggest.didYouMean(wrong, names);
        return suggestion.isEmpty() ? " (it has: " + String.join(", ", names) + ")" : suggestion;
    }

    // Point at a port of the target that would take this type, or an output of the source that fits.
    private static String hint(PortType sourceType, NodeType target, NodeType source) {
        var fitting = target.inputs().stream().filter(p -> p.type().accepts(sourceType)).map(Port::name).toList();
        if (!fitting.isEmpty()) return "; connect it to " + target.type() + "." + String.join(" or ", fitting) + " instead";
        return "; " + target.type() + " takes no " + sourceType.wireName() + " input";
    }
}
