package dev.catalyst.server.http;

/**
 * How deeply a JSON text nests objects and arrays, measured on the text before it is parsed, so
 * a body of ten thousand brackets costs one pass and no parser recursion.
 */
final class JsonDepth {
    private JsonDepth() {}

    /** Whether {@code json} opens more than {@code max} objects or arrays inside each other (strings skipped). */
    static boolean exceeds(String json, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    if (++depth > max) return true;
                }
                case '}', ']' -> depth--;
                default -> { }
            }
        }
        return false;
    }
}
