package dev.catalyst.core.expr;

/**
 * A place in a piece of source text: the UTF-16 offset, and the 1-based line and column people
 * read (columns count code points, so an emoji is one column).
 */
public record SourcePosition(int offset, int line, int column) {
    private static final int WINDOW = 40;

    /** The position of {@code offset} (clamped to the text) in {@code text}. */
    public static SourcePosition locate(String text, int offset) {
        int at = Math.max(0, Math.min(offset, text.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePosition(at, line, text.codePointCount(lineStart, at) + 1);
    }

    /**
     * Two lines: the source line holding this position (cut to a window around it, so a 1 MB line
     * stays short) and a caret under the column.
     */
    public String snippet(String text) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset == 0) lineStart = 0;
        int lineEnd = text.indexOf('\n', offset);
        if (lineEnd < 0) lineEnd = text.length();
        int from = Math.max(lineStart, offset - WINDOW);
        int to = Math.min(lineEnd, offset + WINDOW);
        if (from > lineStart && Character.isLowSurrogate(text.charAt(from))) from++;
        if (to < lineEnd && to > 0 && Character.isHighSurrogate(text.charAt(to - 1))) to--;
        String shown = text.substring(from, to).replace('\t', ' ').replace('\r', ' ');
        String prefix = from > lineStart ? "…" : "";
        String suffix = to < lineEnd ? "…" : "";
        int caret = prefix.length() + shown.codePointCount(0, Math.min(shown.length(), offset - from));
        return " | " + prefix + shown + suffix + "\n | " + ".".repeat(caret) + "^";
    }
}
