package dev.catalyst.llm.nodes.completion;

import tools.jackson.databind.JsonNode;

/** The JSON Schema a {@code json_schema} response must match. */
public record JsonSchemaFormat(String name, String description, JsonNode schema, Boolean strict) {}
