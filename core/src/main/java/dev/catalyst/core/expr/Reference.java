package dev.catalyst.core.expr;

/**
 * A name an expression reads, found statically (without evaluating). Offsets are UTF-16 offsets
 * into the expression's source, for pointing at the reference in an error.
 */
public sealed interface Reference {
    int offset();

    /** A bare name such as {@code topic}: a template variable. */
    record Variable(String name, int offset) implements Reference {}

    /** {@code inputs.x} or {@code inputs["x"]}: a workflow input. */
    record WorkflowInput(String name, int offset) implements Reference {}

    /**
     * {@code nodes.<id>}, optionally followed by a segment (which should be {@code output}) and a
     * port: {@code nodes.claude.output.text} gives ("claude", "output", "text").
     */
    record NodeOutput(String nodeId, String segment, String port, int offset) implements Reference {}

    /** {@code input}: the value a node works on (a router's request). */
    record NodeInput(int offset) implements Reference {}
}
