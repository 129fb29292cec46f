package dev.catalyst.core.validation;

import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.workflow.Node;

/**
 * A validation rule that belongs to one node kind (a router's candidates, an embedding's texts).
 * The validator runs it on every node of that kind, after the generic checks, so the rule never
 * has to test the node's type itself.
 */
@FunctionalInterface
public interface KindCheck {
    void check(Node node, NodeType type, ValidationContext ctx);
}
