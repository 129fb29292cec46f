package dev.catalyst.core.workflow;

/** A connection from an output port of one node to an input port of another. */
public record Edge(String id, String source, String sourcePort, String target, String targetPort) {
    public String describe() {
        return source + "." + sourcePort + " → " + target + "." + targetPort;
    }
}
