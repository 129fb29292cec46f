package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import dev.catalyst.engine.RunResult;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI's chat completion and chunk objects, for one call: its id, creation second and model name. */
record ChatWire(String id, long created, String model) {
    /** Every provider's stop reason in OpenAI's words; the sets do not overlap, so no provider is needed. */
    private static final Map<String, String> FINISH = Map.of(
            "end_turn", "stop", "stop_sequence", "stop", "pause_turn", "stop", "max_tokens", "length",
            "tool_use", "tool_calls", "refusal", "content_filter",
            "stop", "stop", "length", "length", "tool_calls", "tool_calls", "content_filter", "content_filter");

    /** The finish reason of the answer node's output; tool calls without a stated reason finish as tool_calls. */
    static String finishReason(JsonNode output) {
        String raw = output == null ? null : output.path("message").path("finishReason").asString(null);
        if (raw != null && FINISH.containsKey(raw)) return FINISH.get(raw);
        if (output != null && !output.path("toolCalls").isEmpty()) return "tool_calls";
        return "stop";
    }

    /** The node's {@code toolCalls} in OpenAI's shape, arguments as JSON text; empty when none. */
    static ArrayNode toolCalls(JsonNode output, boolean withIndex) {
        ArrayNode out = Json.array();
        if (output == null) return out;
        int i = 0;
        for (JsonNode c : output.path("toolCalls")) {
            ObjectNode call = out.addObject();
            if (withIndex) call.put("index", i);
            call.put("id", c.path("id").asString(""));
            call.put("type", "function");
            ObjectNode f = call.putObject("function");
            f.put("name", c.path("name").asString(""));
            JsonNode args = c.path("arguments");
            f.put("arguments", args.isString() ? args.stringValue() : Json.write(args.isMissingNode() ? Json.object() : args));
            i++;
        }
        return out;
    }

    static ObjectNode usage(RunResult result) {
        var u = result.totalUsage();
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", u.inputTokens());
        usage.put("completion_tokens", u.outputTokens());
        usage.put("total_tokens", u.totalTokens() > 0 ? u.totalTokens() : u.inputTokens() + u.outputTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", u.cachedInputTokens());
        usage.put("cost_usd", result.totalCostUsd()); // not OpenAI's: what the run cost, by the catalog's prices
        return usage;
    }

    /** The non-streamed answer. */
    ObjectNode completion(String text, JsonNode output, RunResult result) {
        ObjectNode body = head("chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        ArrayNode calls = toolCalls(output, false);
        if (text.isEmpty() && !calls.isEmpty()) message.putNull("content");
        else message.put("content", text);
        message.putNull("refusal");
        if (!calls.isEmpty()) message.set("tool_calls", calls);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(output));
        body.set("usage", usage(result));
        return body;
    }

    /** A chunk with one choice whose delta is {@code delta}, and a finish reason or null. */
    ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode body = head("chat.completion.chunk");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finishReason);
        return body;
    }

    /** The last chunk before [DONE] when the caller asked for usage: no choices, the run's usage. */
    ObjectNode usageChunk(RunResult result) {
        ObjectNode body = head("chat.completion.chunk");
        body.putArray("choices");
        body.set("usage", usage(result));
        return body;
    }

    private ObjectNode head(String object) {
        ObjectNode body = Json.object();
        body.put("id", id);
        body.put("object", object);
        body.put("created", created);
        body.put("model", model);
        return body;
    }
}
