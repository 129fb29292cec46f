package dev.catalyst.core.exec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Node and run error codes of the contract. Whether a code is worth retrying is decided here, once. */
public enum ErrorCode {
    AUTH(false),
    PERMISSION(false),
    MODEL_NOT_FOUND(false),
    INVALID_REQUEST(false),
    RATE_LIMITED(true),
    OVERLOADED(true),
    SERVER_ERROR(true),
    TIMEOUT(true),
    STREAM_INTERRUPTED(true),
    CONTENT_FILTERED(false),
    CONTEXT_LENGTH_EXCEEDED(false),
    CANCELLED(false),
    INTERRUPTED(false),
    VALIDATION_FAILED(false),
    EXPRESSION_ERROR(false),
    NO_CANDIDATE(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
