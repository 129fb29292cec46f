package dev.catalyst.core.workflow;

import tools.jackson.databind.JsonNode;

/** A declared workflow input: its JSON type, an optional default, whether a caller must supply it. */
public record InputSpec(String type, JsonNode defaultValue, String description, boolean required) {
    public static final java.util.Set<String> TYPES =
            java.util.Set.of("string", "number", "integer", "boolean", "object", "array");
}
