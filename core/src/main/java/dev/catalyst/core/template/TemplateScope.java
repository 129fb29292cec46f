package dev.catalyst.core.template;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a template or expression can see. Bare names resolve to {@code variables} (the workflow
 * inputs overridden by a promptTemplate's {@code variables} input); {@code inputs.x} is always the
 * workflow input; {@code nodes.<id>.output.<port>} is a completed node's output. Secrets are never here.
 *
 * @param nodeOutputs completed nodes' outputs by node id (each an object of port → value)
 */
public record TemplateScope(Map<String, JsonNode> inputs, Map<String, JsonNode> nodeOutputs, Map<String, JsonNode> variables) {
    public TemplateScope {
        inputs = inputs == null ? Map.of() : inputs;
        nodeOutputs = nodeOutputs == null ? Map.of() : nodeOutputs;
        variables = variables == null ? inputs : variables;
    }

    public static TemplateScope ofInputs(Map<String, JsonNode> inputs) {
        return new TemplateScope(inputs, Map.of(), inputs);
    }
}
