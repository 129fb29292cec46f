package dev.catalyst.llm;

import dev.catalyst.llm.error.LlmException;
import java.util.function.Consumer;

/** One chat provider. Chunks go to {@code sink} as they arrive; the assembled result is returned at the end. */
public interface LlmProvider {
    String name();

    ChatResult chat(ChatRequest request, CallOptions options, Consumer<StreamChunk> sink) throws LlmException, InterruptedException;
}
