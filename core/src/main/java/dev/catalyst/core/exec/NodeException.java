package dev.catalyst.core.exec;

import tools.jackson.databind.JsonNode;

/**
 * A node failed. The message is for people and never holds a secret or an upstream
 * Authorization header; {@code partialText} keeps what a broken stream had produced.
 */
public class NodeException extends Exception {
    private final ErrorCode code;
    private final String partialText;
    private final Long retryAfterMs;
    private final JsonNode details;

    public NodeException(ErrorCode code, String message) {
        this(code, message, null, null, null);
    }

    public NodeException(ErrorCode code, String message, String partialText, Long retryAfterMs, Throwable cause) {
        this(code, message, partialText, retryAfterMs, null, cause);
    }

    /** @param details what the node had done before it failed, kept in the error event (null for nothing) */
    public NodeException(ErrorCode code, String message, String partialText, Long retryAfterMs, JsonNode details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.partialText = partialText;
        this.retryAfterMs = retryAfterMs;
        this.details = details;
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

    public JsonNode details() {
        return details;
    }
}
