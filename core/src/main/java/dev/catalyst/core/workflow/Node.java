package dev.catalyst.core.workflow;

import tools.jackson.databind.node.ObjectNode;

/** One node of a workflow: an id unique in the workflow, a registry type, and its config. */
public record Node(String id, String type, Position position, String label, ObjectNode config) {
    public Node {
        position = position == null ? Position.ORIGIN : position;
    }

    public String configString(String key) {
        var v = config == null ? null : config.get(key);
        return v != null && v.isString() ? v.stringValue() : null;
    }
}
