package dev.catalyst.llm.nodes.completion;

import tools.jackson.databind.JsonNode;

/** A function the model may call, in Catalyst's neutral shape ({@code parameters}: JSON Schema of the arguments). */
public record Tool(String name, String description, JsonNode parameters) {}
