package dev.catalyst.llm.providers.anthropic;

import dev.catalyst.llm.providers.http.WireTokens;
import tools.jackson.core.JsonParser;

/** content_block_delta, the event that carries every token, read token by token (see {@link WireTokens} for why). */
final class BlockDeltaReader {
    private BlockDeltaReader() {}

    static StreamEvent.ContentBlockDelta read(String json) {
        return WireTokens.read(json, BlockDeltaReader::event);
    }

    private static StreamEvent.ContentBlockDelta event(JsonParser p) {
        if (!WireTokens.object(p)) return null;
        int index = 0;
        StreamEvent.Delta delta = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            p.nextToken();
            switch (name) {
                case "index" -> index = WireTokens.integer(p);
                case "delta" -> delta = delta(p);
                default -> p.skipChildren();
            }
        }
        return new StreamEvent.ContentBlockDelta(index, delta);
    }

    private static StreamEvent.Delta delta(JsonParser p) {
        if (!WireTokens.object(p)) return null;
        String type = null;
        String text = null;
        String partialJson = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            p.nextToken();
            switch (name) {
                case "type" -> type = WireTokens.string(p);
                case "text" -> text = WireTokens.string(p);
                case "partial_json" -> partialJson = WireTokens.string(p);
                default -> p.skipChildren();
            }
        }
        return new StreamEvent.Delta(type, text, partialJson);
    }
}
