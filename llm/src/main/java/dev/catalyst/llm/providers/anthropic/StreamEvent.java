package dev.catalyst.llm.providers.anthropic;

/**
 * Anthropic's stream, one record per SSE event name. Events whose data Catalyst does not use
 * (ping, content_block_stop, message_stop) and event names added later are not parsed at all.
 */
sealed interface StreamEvent {
    record MessageStart(MessagesResponse message) implements StreamEvent {}

    record ContentBlockStart(int index, MessagesResponse.ContentBlock contentBlock) implements StreamEvent {}

    record ContentBlockDelta(int index, Delta delta) implements StreamEvent {}

    /** text_delta (text), input_json_delta (partial_json), or thinking/signature/citation deltas Catalyst skips. */
    record Delta(String type, String text, String partialJson) {}

    record MessageDelta(StopDelta delta, MessagesResponse.Usage usage) implements StreamEvent {}

    record StopDelta(String stopReason, String stopSequence) {}

    record MessageStop() implements StreamEvent {}

    record Error(AnthropicErrors.Body.Detail error) implements StreamEvent {}

    /** ping, content_block_stop, and any event name Anthropic adds later. */
    record Skipped(String name) implements StreamEvent {}
}
