package dev.catalyst.core.expr;

/**
 * An expression or template that does not compile, or whose evaluation failed or went over a
 * limit. The message is one line ({@code 1:14: undeclared reference to 'foo'}); {@link #snippet()}
 * holds the source line with a caret under the place.
 */
public final class ExpressionException extends Exception {
    /** What went wrong, by what the caller can do about it. */
    public enum Kind {
        /** the source does not parse (or a hole is not closed) */
        SYNTAX,
        /** it parses but does not type-check: unknown function, wrong argument types */
        INVALID,
        /** a variable, key or node output that is not there */
        MISSING_VALUE,
        /** a null value where text is needed (strict templates) */
        NULL_VALUE,
        /** evaluation failed: no such overload at run time, division by zero, bad conversion */
        EVALUATION,
        /** over a size, depth, iteration or cost limit */
        LIMIT,
        /** over the wall-clock limit */
        TIMEOUT
    }

    private final Kind kind;
    private final String summary;
    private final SourcePosition position;
    private final String snippet;

    public ExpressionException(Kind kind, String summary, SourcePosition position, String snippet) {
        super(position == null ? summary : position.line() + ":" + position.column() + ": " + summary, null, false, false);
        this.kind = kind;
        this.summary = summary;
        this.position = position;
        this.snippet = snippet;
    }

    /** Positioned in {@code source} at {@code offset}, with a snippet of it. */
    static ExpressionException at(Kind kind, String summary, String source, int offset) {
        SourcePosition p = SourcePosition.locate(source, offset);
        return new ExpressionException(kind, summary, p, p.snippet(source));
    }

    public Kind kind() {
        return kind;
    }

    /** The message without the position. */
    public String summary() {
        return summary;
    }

    /** Where in the source, or null when the problem has no single place (a time limit). */
    public SourcePosition position() {
        return position;
    }

    /** The source line and a caret, or null. */
    public String snippet() {
        return snippet;
    }

    /** The message followed by the snippet, for people. */
    public String describe() {
        return snippet == null ? getMessage() : getMessage() + "\n" + snippet;
    }

    /**
     * The same problem placed in an enclosing text: {@code base} is where this exception's source
     * starts inside {@code outer} (a template holding the expression).
     */
    public ExpressionException relocate(String outer, int base) {
        if (position == null) return this;
        return at(kind, summary, outer, base + position.offset());
    }
}
