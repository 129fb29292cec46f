package dev.catalyst.llm.providers.openai;

import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.providers.http.HttpErrors;
import dev.catalyst.llm.providers.http.WireJson;
import tools.jackson.databind.ObjectReader;

/**
 * OpenAI's errors, {@code {"error":{"message","type","param","code"}}}: the {@code code} decides
 * where OpenAI sets one; otherwise the HTTP status (OpenAI's {@code type} is too coarse: a 401 and
 * a 404 are both {@code invalid_request_error}). Inside a 200 stream there is no status, so there
 * the {@code type} decides.
 */
public final class OpenAiErrors {
    /** The error object; {@code param} and {@code code} may be null or (Groq) absent. */
    public record ApiError(String message, String type, String param, String code) {}

    record Body(ApiError error) {}

    private static final ObjectReader BODY = WireJson.reader(Body.class);

    private OpenAiErrors() {}

    /** The error object of a non-2xx body, or null when the body is not OpenAI's error JSON. */
    public static ApiError read(String body) {
        Body b = WireJson.tryRead(BODY, body);
        return b == null ? null : b.error();
    }

    /** A mapping by OpenAI's codes; null when the code is absent or not one of them. */
    public static LlmError byCode(String provider, int status, ApiError e, String text, Long retryAfterMs) {
        if (e.code() == null) return null;
        return switch (e.code()) {
            case "context_length_exceeded" -> new LlmError.ContextLengthExceeded(provider, status, text);
            case "model_not_found" -> new LlmError.ModelNotFound(provider, status, text);
            case "invalid_api_key" -> new LlmError.Auth(provider, status, text);
            case "insufficient_quota" -> new LlmError.Permission(provider, status, text);
            case "content_filter", "content_policy_violation" -> new LlmError.ContentFiltered(provider, status, text);
            case "rate_limit_exceeded" -> new LlmError.RateLimited(provider, status, text, retryAfterMs);
            case "unsupported_parameter", "unsupported_value", "invalid_value" -> new LlmError.InvalidRequest(provider, status, text);
            case "server_error" -> new LlmError.ServerError(provider, status, text, retryAfterMs);
            default -> null;
        };
    }

    /** The rest: by status for an HTTP error, by type for an error inside a stream. */
    public static LlmError byStatusOrType(String provider, int status, ApiError e, String text, Long retryAfterMs) {
        if (status >= 400) return HttpErrors.byStatus(provider, status, text, retryAfterMs);
        String type = e.type() == null ? "" : e.type();
        return switch (type) {
            case "invalid_request_error" -> new LlmError.InvalidRequest(provider, status, text);
            case "insufficient_quota" -> new LlmError.Permission(provider, status, text);
            case "tokens", "requests" -> new LlmError.RateLimited(provider, status, text, null);
            default -> new LlmError.ServerError(provider, status, text, null);
        };
    }

    static LlmError map(String provider, int status, ApiError e, Long retryAfterMs) {
        String text = text(provider, status, e);
        LlmError coded = byCode(provider, status, e, text, retryAfterMs);
        return coded != null ? coded : byStatusOrType(provider, status, e, text, retryAfterMs);
    }

    public static String text(String provider, int status, ApiError e) {
        String m = e.message() != null && !e.message().isEmpty() ? e.message() : (e.type() == null ? "" : e.type());
        return HttpErrors.text(provider, status, m);
    }
}
