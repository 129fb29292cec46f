package dev.catalyst.server.runs;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.json.Json;

/**
 * A run event's JSON text. Tokens, the bulk of a run's events, are written by hand (the same text
 * Jackson writes, checked by the tests) so that relaying one costs a string append, not a pass
 * through the mapper; every other event goes through Jackson.
 */
final class EventJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EventJson() {}

    static String write(RunEvent event) {
        if (event instanceof RunEvent.Token t && t.nodeId() != null && t.text() != null) return token(t);
        return Json.write(event);
    }

    static String token(RunEvent.Token t) {
        var b = new StringBuilder(t.text().length() + t.nodeId().length() + 40);
        b.append("{\"nodeId\":");
        string(b, t.nodeId());
        b.append(",\"text\":");
        string(b, t.text());
        return b.append(",\"index\":").append(t.index()).append('}').toString();
    }

    // Jackson's escaping: the two-character escapes, \\u00XX for other controls, everything else as is
    private static void string(StringBuilder b, String s) {
        b.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    else b.append(c); // surrogates too, paired or not, as Jackson writes them to a string
                }
            }
        }
        b.append('"');
    }
}
