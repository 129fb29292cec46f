package dev.catalyst.llm.providers.http;

import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.sse.SseEvent;
import java.util.function.Consumer;

/**
 * Maps one call's SSE events to chunks (stateful: one per call). An in-stream error event is an
 * {@link LlmException}; a payload that is not JSON throws the JSON parser's exception.
 */
public interface StreamMapper {
    void accept(SseEvent event, Consumer<StreamChunk> out) throws LlmException;

    /** True once the provider's terminal event arrived ({@code message_stop}, {@code [DONE]}). */
    boolean done();
}
