package dev.catalyst.core.json;

/** Malformed JSON, with the 1-based line and column where the parser gave up. */
public final class JsonSyntaxException extends RuntimeException {
    private final int line;
    private final int column;
    private final String reason;

    public JsonSyntaxException(String reason, int line, int column) {
        super("malformed JSON at " + line + ":" + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** What is wrong, without the position. */
    public String reason() { return reason; }

    public int line() { return line; }

    public int column() { return column; }
}
