package dev.catalyst.llm.providers.anthropic;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /v1/messages}, field for field; null fields are not sent. */
record MessagesRequest(String model, int maxTokens, String system, List<Message> messages, Double temperature, Double topP,
                       Integer topK, List<String> stopSequences, Boolean stream, List<Tool> tools, ToolChoice toolChoice) {

    record Message(String role, Content content) {}

    /** A message's content: plain text, or a list of blocks (tool use, tool results). */
    sealed interface Content {}

    record Text(@JsonValue String text) implements Content {}

    record Blocks(@JsonValue List<Block> blocks) implements Content {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = TextBlock.class, name = "text"),
        @JsonSubTypes.Type(value = ToolUseBlock.class, name = "tool_use"),
        @JsonSubTypes.Type(value = ToolResultBlock.class, name = "tool_result")
    })
    sealed interface Block {}

    record TextBlock(String text) implements Block {}

    record ToolUseBlock(String id, String name, JsonNode input) implements Block {}

    record ToolResultBlock(String toolUseId, String content) implements Block {}

    record Tool(String name, String description, JsonNode inputSchema) {}

    /** {@code type} is auto, any, none or tool (with {@code name}). */
    record ToolChoice(String type, String name, Boolean disableParallelToolUse) {}
}
