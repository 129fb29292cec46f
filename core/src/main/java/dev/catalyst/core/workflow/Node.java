package dev.catalyst.core.workflow;

import tools.jackson.databind.node.ObjectNode;

/**
 * One node of a workflow: an id unique in the workflow, a registry type, and its config.
 *
 * @param disabled the node does not run (ADR 23): its outputs carry nothing, and nodes that need
 *                 them are skipped too; absent in JSON means false
 */
public record Node(String id, String type, Position position, String label, ObjectNode config, boolean disabled) {
    public Node {
        position = position == null ? Position.ORIGIN : position;
    }

    /** An enabled node. */
    public Node(String id, String type, Position position, String label, ObjectNode config) {
        this(id, type, position, label, config, false);
    }

    public String configString(String key) {
        var v = config == null ? null : config.get(key);
        return v != null && v.isString() ? v.stringValue() : null;
    }
}
