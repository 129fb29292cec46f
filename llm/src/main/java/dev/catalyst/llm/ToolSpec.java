package dev.catalyst.llm;

import tools.jackson.databind.JsonNode;

/** A function the model may call: the neutral shape of the contract, mapped to each provider's format. */
public record ToolSpec(String name, String description, JsonNode parameters) {}
