package dev.catalyst.llm;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A completion request in neutral form. Null fields are not sent. {@code responseFormat} is
 * text, json_object or json_schema (with {@code jsonSchema} = {name, schema, strict?, description?});
 * {@code extra} holds provider fields passed through as they are (seed, penalties, reasoning_effort, ...).
 */
public record ChatRequest(String model, String system, List<ChatMessage> messages, Integer maxTokens, Double temperature,
                          Double topP, Integer topK, List<String> stopSequences, List<ToolSpec> tools, ToolChoice toolChoice,
                          Boolean parallelToolCalls, String responseFormat, JsonNode jsonSchema, boolean stream, ObjectNode extra) {
    public ChatRequest {
        messages = List.copyOf(messages);
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public static ChatRequest simple(String model, String prompt, boolean stream) {
        return new ChatRequest(model, null, List.of(ChatMessage.of("user", prompt)), 256, null, null, null, null, null, null,
                null, null, null, stream, null);
    }

    public ChatRequest withStream(boolean s) {
        return new ChatRequest(model, system, messages, maxTokens, temperature, topP, topK, stopSequences, tools, toolChoice,
                parallelToolCalls, responseFormat, jsonSchema, s, extra);
    }
}
