package dev.catalyst.llm.providers.anthropic;

import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.StreamMapper;
import dev.catalyst.llm.providers.http.WireJson;
import dev.catalyst.llm.providers.sse.SseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's named events: message_start (id, input usage), content blocks (text deltas, tool_use
 * with input_json_delta fragments), message_delta (stop reason, cumulative output usage),
 * message_stop (the end). {@code ping} and unknown events are skipped; {@code error} throws.
 */
final class AnthropicStreamMapper implements StreamMapper {
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private boolean done;

    @Override
    public void accept(SseEvent event, Consumer<StreamChunk> out) throws LlmException {
        switch (event.type()) {
            case "message_start" -> {
                JsonNode m = WireJson.parseChunk(event.data()).path("message");
                out.accept(new StreamChunk.Started(WireJson.text(m, "id"), WireJson.text(m, "model")));
                if (m.has("usage")) out.accept(AnthropicCodec.usage(m.get("usage")));
            }
            case "content_block_start" -> {
                JsonNode d = WireJson.parseChunk(event.data());
                JsonNode block = d.path("content_block");
                String type = block.path("type").asString("");
                if (type.equals("tool_use")) {
                    int tool = toolIndexByBlock.size();
                    toolIndexByBlock.put(d.path("index").asInt(), tool);
                    out.accept(new StreamChunk.ToolCallDelta(tool, WireJson.text(block, "id"), WireJson.text(block, "name"), null));
                } else if (type.equals("text") && !block.path("text").asString("").isEmpty()) {
                    out.accept(new StreamChunk.TextDelta(block.path("text").asString()));
                }
            }
            case "content_block_delta" -> {
                JsonNode d = WireJson.parseChunk(event.data());
                JsonNode delta = d.path("delta");
                switch (delta.path("type").asString("")) {
                    case "text_delta" -> out.accept(new StreamChunk.TextDelta(delta.path("text").asString("")));
                    case "input_json_delta" -> {
                        Integer tool = toolIndexByBlock.get(d.path("index").asInt());
                        if (tool != null) out.accept(new StreamChunk.ToolCallDelta(tool, null, null, delta.path("partial_json").asString("")));
                    }
                    default -> { } // thinking, signature and citation deltas are not text
                }
            }
            case "message_delta" -> {
                JsonNode d = WireJson.parseChunk(event.data());
                if (d.has("usage")) out.accept(AnthropicCodec.usage(d.get("usage")));
                String reason = WireJson.text(d.path("delta"), "stop_reason");
                if (reason != null) out.accept(new StreamChunk.Finish(reason, AnthropicCodec.finish(reason)));
            }
            case "message_stop" -> done = true;
            case "error" -> throw new LlmException(AnthropicCodec.streamError(WireJson.parseChunk(event.data())));
            default -> { } // ping, content_block_stop, and event types added later
        }
    }

    @Override
    public boolean done() {
        return done;
    }
}
