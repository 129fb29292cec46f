package dev.catalyst.llm.providers.http;

import dev.catalyst.llm.error.LlmError;

/**
 * What the providers' error mappings share: the message format, and the fallback by HTTP status
 * alone for answers that carry no type or code a provider mapping knows (a proxy's HTML page, an
 * error type added after this was written, Voyage's {@code {"detail": ...}}).
 */
public final class HttpErrors {
    private HttpErrors() {}

    /** "openai HTTP 429: Rate limit reached ..." for an HTTP error, "openai: ..." for one inside a 200 stream. */
    public static String text(String provider, int status, String message) {
        return provider + (status >= 400 ? " HTTP " + status + ": " : ": ") + (message == null ? "" : message);
    }

    /** The status decides; {@code text} is the finished message. */
    public static LlmError byStatus(String provider, int status, String text, Long retryAfterMs) {
        return switch (status) {
            case 401 -> new LlmError.Auth(provider, status, text);
            case 402, 403 -> new LlmError.Permission(provider, status, text);
            case 404 -> new LlmError.ModelNotFound(provider, status, text);
            case 408, 504 -> new LlmError.Timeout(provider, status, text, null);
            case 409 -> new LlmError.ServerError(provider, status, text, retryAfterMs);
            case 429 -> new LlmError.RateLimited(provider, status, text, retryAfterMs);
            case 498, 503, 529 -> new LlmError.Overloaded(provider, status, text, retryAfterMs);
            default -> status >= 500 ? new LlmError.ServerError(provider, status, text, retryAfterMs) : new LlmError.InvalidRequest(provider, status, text);
        };
    }
}
