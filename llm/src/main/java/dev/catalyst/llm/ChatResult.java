package dev.catalyst.llm;

import dev.catalyst.core.exec.Usage;
import java.util.List;

/** A finished completion. {@code usage} is null when the provider did not report it. */
public record ChatResult(String text, List<ToolCall> toolCalls, Usage usage, String finishReason,
                         StreamChunk.FinishReason finish, String refusal, String responseId, String model) {}
