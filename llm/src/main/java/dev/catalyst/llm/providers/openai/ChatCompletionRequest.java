package dev.catalyst.llm.providers.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /chat/completions} (OpenAI, and Groq's compatible API); null fields are not sent. */
record ChatCompletionRequest(String model, List<Message> messages, Integer maxTokens, Integer maxCompletionTokens, Double temperature,
                             Double topP, List<String> stop, List<Tool> tools, ToolChoice toolChoice, Boolean parallelToolCalls,
                             ResponseFormat responseFormat, Boolean stream, StreamOptions streamOptions) {

    /** {@code content} is sent even when null: an assistant turn that only calls tools has {@code "content": null}. */
    record Message(String role, @JsonInclude(JsonInclude.Include.ALWAYS) String content, List<ToolCall> toolCalls, String toolCallId) {}

    record ToolCall(String id, String type, FunctionCall function) {}

    /** {@code arguments} is JSON text, as OpenAI sends and expects it. */
    record FunctionCall(String name, String arguments) {}

    record Tool(String type, Function function) {}

    record Function(String name, String description, JsonNode parameters) {}

    /** "auto", "none", "required", or one named function. */
    sealed interface ToolChoice {}

    record Mode(@JsonValue String mode) implements ToolChoice {}

    record Named(String type, NamedFunction function) implements ToolChoice {}

    record NamedFunction(String name) {}

    /** json_object, or json_schema with its schema. */
    record ResponseFormat(String type, JsonSchema jsonSchema) {}

    record JsonSchema(String name, String description, JsonNode schema, boolean strict) {}

    record StreamOptions(boolean includeUsage) {}
}
