package dev.catalyst.core.exec;

/**
 * A node failed. The message is for people and never holds a secret or an upstream
 * Authorization header; {@code partialText} keeps what a broken stream had produced.
 */
public class NodeException extends Exception {
    private final ErrorCode code;
    private final String partialText;
    private final Long retryAfterMs;

    public NodeException(ErrorCode code, String message) {
        this(code, message, null, null, null);
    }

    public NodeException(ErrorCode code, String message, String partialText, Long retryAfterMs, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.partialText = partialText;
        this.retryAfterMs = retryAfterMs;
    }

    public ErrorCode code() {
        return code;
    }

    public boolean retryable() {
        return code.retryable();
    }

    public String partialText() {
        return partialText;
    }

    public Long retryAfterMs() {
        return retryAfterMs;
    }
}
