package dev.catalyst.llm.providers.openai;

import java.util.List;

/** A non-streamed chat completion (OpenAI; Groq puts usage in {@code x_groq} as well). */
record ChatCompletion(String id, String model, List<Choice> choices, Usage usage, ChatCompletionChunk.XGroq xGroq) {

    record Choice(Integer index, Message message, String finishReason) {}

    record Message(String role, String content, String refusal, List<ToolCall> toolCalls) {}

    record ToolCall(String id, String type, ChatCompletionRequest.FunctionCall function) {}

    record Usage(Long promptTokens, Long completionTokens, Long totalTokens, PromptTokensDetails promptTokensDetails) {}

    record PromptTokensDetails(Long cachedTokens) {}
}
