package dev.catalyst.llm.providers.openai;

import dev.catalyst.llm.providers.http.WireTokens;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.ObjectReader;

/**
 * A {@link ChatCompletionChunk}, one per token: id, model, choices and their text deltas read
 * token by token (see {@link WireTokens} for why); usage, x_groq, error and tool calls, which
 * come once or rarely, are bound by databind from the same parser.
 */
final class ChunkReader {
    private static final ObjectReader USAGE = WireTokens.inner(ChatCompletion.Usage.class);
    private static final ObjectReader X_GROQ = WireTokens.inner(ChatCompletionChunk.XGroq.class);
    private static final ObjectReader ERROR = WireTokens.inner(OpenAiErrors.ApiError.class);
    private static final ObjectReader TOOL_CALLS = WireTokens.innerList(ChatCompletionChunk.ToolCallDelta.class);

    private ChunkReader() {}

    static ChatCompletionChunk read(String json) {
        return WireTokens.read(json, ChunkReader::chunk);
    }

    private static ChatCompletionChunk chunk(JsonParser p) {
        if (!WireTokens.object(p)) return null;
        String id = null;
        String model = null;
        List<ChatCompletionChunk.Choice> choices = null;
        ChatCompletion.Usage usage = null;
        ChatCompletionChunk.XGroq xGroq = null;
        OpenAiErrors.ApiError error = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            p.nextToken();
            switch (name) {
                case "id" -> id = WireTokens.string(p);
                case "model" -> model = WireTokens.string(p);
                case "choices" -> choices = choices(p);
                case "usage" -> usage = USAGE.readValue(p);
                case "x_groq" -> xGroq = X_GROQ.readValue(p);
                case "error" -> error = ERROR.readValue(p);
                default -> p.skipChildren();
            }
        }
        return new ChatCompletionChunk(id, model, choices, usage, xGroq, error);
    }

    private static List<ChatCompletionChunk.Choice> choices(JsonParser p) {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        if (p.currentToken() != JsonToken.START_ARRAY) throw new StreamReadException(p, "expected an array, found " + p.currentToken());
        var out = new ArrayList<ChatCompletionChunk.Choice>(1);
        while (p.nextToken() != JsonToken.END_ARRAY) out.add(choice(p));
        return out;
    }

    private static ChatCompletionChunk.Choice choice(JsonParser p) {
        if (!WireTokens.object(p)) return null;
        Integer index = null;
        ChatCompletionChunk.Delta delta = null;
        String finishReason = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "index" -> index = t == JsonToken.VALUE_NULL ? null : WireTokens.integer(p);
                case "delta" -> delta = delta(p);
                case "finish_reason" -> finishReason = WireTokens.string(p);
                default -> p.skipChildren();
            }
        }
        return new ChatCompletionChunk.Choice(index, delta, finishReason);
    }

    private static ChatCompletionChunk.Delta delta(JsonParser p) {
        if (!WireTokens.object(p)) return null;
        String role = null;
        String content = null;
        String refusal = null;
        List<ChatCompletionChunk.ToolCallDelta> toolCalls = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            p.nextToken();
            switch (name) {
                case "role" -> role = WireTokens.string(p);
                case "content" -> content = WireTokens.string(p);
                case "refusal" -> refusal = WireTokens.string(p);
                case "tool_calls" -> toolCalls = TOOL_CALLS.readValue(p);
                default -> p.skipChildren();
            }
        }
        return new ChatCompletionChunk.Delta(role, content, refusal, toolCalls);
    }
}
