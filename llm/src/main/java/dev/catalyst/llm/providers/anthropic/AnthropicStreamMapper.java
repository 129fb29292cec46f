package dev.catalyst.llm.providers.anthropic;

import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.StreamMapper;
import dev.catalyst.llm.providers.http.WireJson;
import dev.catalyst.llm.providers.sse.SseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.ObjectReader;

/**
 * Anthropic's named events: message_start (id, input usage), content blocks (text deltas, tool_use
 * with input_json_delta fragments), message_delta (stop reason, cumulative output usage),
 * message_stop (the end). {@code ping} and unknown events are skipped unparsed; {@code error} throws.
 */
final class AnthropicStreamMapper implements StreamMapper {
    private static final ObjectReader MESSAGE_START = WireJson.reader(StreamEvent.MessageStart.class);
    private static final ObjectReader BLOCK_START = WireJson.reader(StreamEvent.ContentBlockStart.class);
    private static final ObjectReader MESSAGE_DELTA = WireJson.reader(StreamEvent.MessageDelta.class);
    private static final ObjectReader ERROR = WireJson.reader(StreamEvent.Error.class);

    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private boolean done;

    /** The typed event for one SSE event, chosen by its name; malformed data is a {@link dev.catalyst.core.json.JsonSyntaxException}. */
    static StreamEvent event(SseEvent e) {
        return switch (e.type()) {
            case "content_block_delta" -> BlockDeltaReader.read(e.data());
            case "message_start" -> WireJson.<StreamEvent.MessageStart>read(MESSAGE_START, e.data());
            case "content_block_start" -> WireJson.<StreamEvent.ContentBlockStart>read(BLOCK_START, e.data());
            case "message_delta" -> WireJson.<StreamEvent.MessageDelta>read(MESSAGE_DELTA, e.data());
            case "message_stop" -> new StreamEvent.MessageStop();
            case "error" -> WireJson.<StreamEvent.Error>read(ERROR, e.data());
            default -> new StreamEvent.Skipped(e.type());
        };
    }

    @Override
    public void accept(SseEvent event, Consumer<StreamChunk> out) throws LlmException {
        switch (event(event)) {
            case StreamEvent.ContentBlockDelta d -> delta(d, out);
            case StreamEvent.MessageStart s -> {
                MessagesResponse m = s.message() == null ? new MessagesResponse(null, null, null, null, null, null) : s.message();
                out.accept(new StreamChunk.Started(m.id(), m.model()));
                if (m.usage() != null) out.accept(AnthropicCodec.usage(m.usage()));
            }
            case StreamEvent.ContentBlockStart s -> {
                MessagesResponse.ContentBlock block = s.contentBlock();
                String type = block == null || block.type() == null ? "" : block.type();
                if (type.equals("tool_use")) {
                    int tool = toolIndexByBlock.size();
                    toolIndexByBlock.put(s.index(), tool);
                    out.accept(new StreamChunk.ToolCallDelta(tool, block.id(), block.name(), null));
                } else if (type.equals("text") && block.text() != null && !block.text().isEmpty()) {
                    out.accept(new StreamChunk.TextDelta(block.text()));
                }
            }
            case StreamEvent.MessageDelta d -> {
                if (d.usage() != null) out.accept(AnthropicCodec.usage(d.usage()));
                String reason = d.delta() == null ? null : d.delta().stopReason();
                if (reason != null) out.accept(new StreamChunk.Finish(reason, AnthropicCodec.finish(reason)));
            }
            case StreamEvent.MessageStop s -> done = true;
            case StreamEvent.Error e -> throw new LlmException(AnthropicErrors.inStream(e.error()));
            case StreamEvent.Skipped s -> { } // ping, content_block_stop, and event types added later
        }
    }

    private void delta(StreamEvent.ContentBlockDelta d, Consumer<StreamChunk> out) {
        StreamEvent.Delta delta = d.delta();
        if (delta == null || delta.type() == null) return;
        switch (delta.type()) {
            case "text_delta" -> out.accept(new StreamChunk.TextDelta(delta.text() == null ? "" : delta.text()));
            case "input_json_delta" -> {
                Integer tool = toolIndexByBlock.get(d.index());
                if (tool != null) out.accept(new StreamChunk.ToolCallDelta(tool, null, null, delta.partialJson() == null ? "" : delta.partialJson()));
            }
            default -> { } // thinking, signature and citation deltas are not text
        }
    }

    @Override
    public boolean done() {
        return done;
    }
}
