package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The SSE frames of one {@code /v1} stream's content chunks. Jackson writes the chunk once, with
 * empty content; each token then fills in its text, escaped by Jackson's own string encoder, so
 * relaying a token costs a string append instead of a JSON tree and a pass through the mapper. The
 * frame is the same text {@code "data: " + Json.write(wire.chunk({content: text}, null)) + "\n\n"}.
 */
final class ContentFrames {
    private static final String EMPTY = "\"content\":\"\"";

    private final String prefix;
    private final String suffix;

    ContentFrames(ChatWire wire) {
        String whole = Json.write(wire.chunk(Json.object().put("content", ""), null));
        // id and model are escaped inside their strings, so the bare key is the delta's own
        int at = whole.lastIndexOf(EMPTY) + EMPTY.length() - 2;
        this.prefix = "data: " + whole.substring(0, at);
        this.suffix = whole.substring(at + 2) + "\n\n";
    }

    String frame(String text) {
        var b = new StringBuilder(prefix.length() + text.length() + suffix.length() + 8).append(prefix).append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, b);
        return b.append('"').append(suffix).toString();
    }
}
