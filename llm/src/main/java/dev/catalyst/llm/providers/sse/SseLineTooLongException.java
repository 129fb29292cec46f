package dev.catalyst.llm.providers.sse;

/** A line grew past the parser's bound: a broken or hostile upstream, never buffered without limit. */
public final class SseLineTooLongException extends RuntimeException {
    public SseLineTooLongException(int limit) {
        super("server-sent event line longer than " + limit + " characters");
    }
}
