package dev.catalyst.llm.providers.openai;

import java.util.List;

/**
 * One data-only stream chunk (OpenAI and Groq). Usage comes in OpenAI's final {@code choices: []}
 * chunk, or on Groq's finish chunk ({@code usage} and {@code x_groq.usage}); a chunk with
 * {@code error}, or Groq's {@code x_groq.error}, ends the stream.
 */
record ChatCompletionChunk(String id, String model, List<Choice> choices, ChatCompletion.Usage usage, XGroq xGroq,
                           OpenAiErrors.ApiError error) {

    record Choice(Integer index, Delta delta, String finishReason) {}

    record Delta(String role, String content, String refusal, List<ToolCallDelta> toolCalls) {}

    /** The first fragment of a call carries id and name; later ones only argument text. */
    record ToolCallDelta(int index, String id, ChatCompletionRequest.FunctionCall function) {}

    /** Groq's extension: its request id, usage on the last chunk, and why a stream stopped early. */
    record XGroq(String id, ChatCompletion.Usage usage, String error) {}
}
