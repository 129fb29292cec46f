package dev.catalyst.llm;

/** Every provider's stream (and non-streamed answer) becomes these. The nodes never see provider JSON. */
public sealed interface StreamChunk {
    /** Generated text. */
    record TextDelta(String text) implements StreamChunk {}

    /** Part of a tool call; the first part of each index carries id and name, the rest argument fragments. */
    record ToolCallDelta(int index, String id, String name, String argumentsFragment) implements StreamChunk {}

    /** Token counts as the provider reports them; null = not in this report. Later reports replace earlier values. */
    record UsageReport(Long inputTokens, Long outputTokens, Long cachedInputTokens) implements StreamChunk {}

    /** A refusal (OpenAI structured outputs). */
    record RefusalDelta(String text) implements StreamChunk {}

    /** Why generation stopped, in the provider's words and normalised. */
    record Finish(String providerReason, FinishReason reason) implements StreamChunk {}

    /** Identity of the response, from the first chunk. */
    record Started(String responseId, String model) implements StreamChunk {}

    enum FinishReason { STOP, LENGTH, STOP_SEQUENCE, TOOL_USE, CONTENT_FILTER, REFUSAL, OTHER }
}
