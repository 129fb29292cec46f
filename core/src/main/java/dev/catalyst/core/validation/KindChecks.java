package dev.catalyst.core.validation;

import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.workflow.Node;

/** Runs each node's own kind checks, as the registry lists them for its type. */
final class KindChecks implements WorkflowCheck {
    @Override
    public void check(ValidationContext ctx) {
        for (Node node : ctx.nodesById().values()) {
            NodeType type = ctx.typeOf(node);
            if (type == null) continue;
            for (KindCheck c : ctx.registry().checks(type.type())) c.check(node, type, ctx);
        }
    }
}
