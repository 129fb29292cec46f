package dev.catalyst.llm.providers.anthropic;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A non-streamed Message, and the parts the stream events share with it. Content blocks are one
 * record with the union of the fields Catalyst reads, so block types added later still parse.
 */
record MessagesResponse(String id, String type, String model, List<ContentBlock> content, String stopReason, Usage usage) {

    /** text (with {@code text}), tool_use (with id, name, input), or a type Catalyst skips (thinking, server tools). */
    record ContentBlock(String type, String text, String id, String name, JsonNode input) {}

    /** input_tokens excludes cache reads and writes. */
    record Usage(Long inputTokens, Long outputTokens, Long cacheReadInputTokens, Long cacheCreationInputTokens) {}
}
