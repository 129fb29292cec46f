package dev.catalyst.llm;

import tools.jackson.databind.JsonNode;

/**
 * A call the model asked for. {@code arguments} is the parsed object; when the model produced JSON
 * that does not parse (a stream cut by max tokens), it is the raw text as a JSON string.
 */
public record ToolCall(String id, String name, JsonNode arguments) {}
