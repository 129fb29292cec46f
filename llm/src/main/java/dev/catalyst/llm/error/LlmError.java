package dev.catalyst.llm.error;

import dev.catalyst.core.exec.ErrorCode;

/**
 * Every way a provider call fails, decided once. {@code status} is the HTTP status (0 when there was
 * none); messages are for people and have been through {@link Redactor}.
 */
public sealed interface LlmError {
    String provider();

    int status();

    String message();

    record Auth(String provider, int status, String message) implements LlmError {}

    record Permission(String provider, int status, String message) implements LlmError {}

    record ModelNotFound(String provider, int status, String message) implements LlmError {}

    record InvalidRequest(String provider, int status, String message) implements LlmError {}

    record RateLimited(String provider, int status, String message, Long retryAfterMs) implements LlmError {}

    record Overloaded(String provider, int status, String message, Long retryAfterMs) implements LlmError {}

    record ServerError(String provider, int status, String message, Long retryAfterMs) implements LlmError {}

    record Timeout(String provider, int status, String message, String partialText) implements LlmError {}

    record StreamInterrupted(String provider, int status, String message, String partialText) implements LlmError {}

    record ContentFiltered(String provider, int status, String message) implements LlmError {}

    record ContextLengthExceeded(String provider, int status, String message) implements LlmError {}

    record Cancelled(String provider, int status, String message) implements LlmError {}

    default ErrorCode code() {
        return switch (this) {
            case Auth a -> ErrorCode.AUTH;
            case Permission p -> ErrorCode.PERMISSION;
            case ModelNotFound m -> ErrorCode.MODEL_NOT_FOUND;
            case InvalidRequest i -> ErrorCode.INVALID_REQUEST;
            case RateLimited r -> ErrorCode.RATE_LIMITED;
            case Overloaded o -> ErrorCode.OVERLOADED;
            case ServerError s -> ErrorCode.SERVER_ERROR;
            case Timeout t -> ErrorCode.TIMEOUT;
            case StreamInterrupted s -> ErrorCode.STREAM_INTERRUPTED;
            case ContentFiltered c -> ErrorCode.CONTENT_FILTERED;
            case ContextLengthExceeded c -> ErrorCode.CONTEXT_LENGTH_EXCEEDED;
            case Cancelled c -> ErrorCode.CANCELLED;
        };
    }

    /** Whether sending the same request again (before any token arrived) may succeed. */
    default boolean retryable() {
        return switch (this) {
            case RateLimited r -> true;
            case Overloaded o -> true;
            case ServerError s -> true;
            case Timeout t -> true;
            case Auth a -> false;
            case Permission p -> false;
            case ModelNotFound m -> false;
            case InvalidRequest i -> false;
            case StreamInterrupted s -> false;
            case ContentFiltered c -> false;
            case ContextLengthExceeded c -> false;
            case Cancelled c -> false;
        };
    }

    /** The wait the provider asked for, if any. */
    default Long retryAfterMs() {
        return switch (this) {
            case RateLimited r -> r.retryAfterMs();
            case Overloaded o -> o.retryAfterMs();
            case ServerError s -> s.retryAfterMs();
            case Auth a -> null;
            case Permission p -> null;
            case ModelNotFound m -> null;
            case InvalidRequest i -> null;
            case Timeout t -> null;
            case StreamInterrupted s -> null;
            case ContentFiltered c -> null;
            case ContextLengthExceeded c -> null;
            case Cancelled c -> null;
        };
    }

    /** What a broken stream had produced before it broke (stream_interrupted, timeout), else null. */
    default String partialText() {
        if (this instanceof StreamInterrupted s) return s.partialText();
        if (this instanceof Timeout t) return t.partialText();
        return null;
    }
}
