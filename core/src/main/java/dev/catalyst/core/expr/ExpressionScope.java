package dev.catalyst.core.expr;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The values an expression can read: {@code inputs} (workflow inputs), {@code nodes}
 * (completed nodes' outputs as {@code nodes.<id>.output.<port>}), bare {@code variables}, and
 * {@code input} (the value the node works on, e.g. a router's request; null when there is none).
 * Nothing else is reachable: no secrets, no environment.
 */
public record ExpressionScope(Map<String, JsonNode> inputs, Map<String, JsonNode> nodeOutputs,
                              Map<String, JsonNode> variables, JsonNode input) {
    public ExpressionScope {
        inputs = inputs == null ? Map.of() : inputs;
        nodeOutputs = nodeOutputs == null ? Map.of() : nodeOutputs;
        variables = variables == null ? inputs : variables;
    }

    public static ExpressionScope ofVariables(Map<String, JsonNode> variables) {
        return new ExpressionScope(variables, Map.of(), variables, null);
    }
}
