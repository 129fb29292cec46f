package dev.catalyst.llm.providers.anthropic;

import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.providers.http.HttpErrors;
import dev.catalyst.llm.providers.http.WireJson;
import tools.jackson.databind.ObjectReader;

/**
 * Anthropic's errors by their {@code error.type} (the same types in an HTTP body and in a stream's
 * {@code error} event). Types Anthropic adds later, and bodies that are not Anthropic's JSON (a
 * proxy's page), fall back to the HTTP status.
 */
final class AnthropicErrors {
    /** {@code {"type":"error","error":{"type":..., "message":..., "details":{"error_code":...}},"request_id":...}} */
    record Body(String type, Detail error, String requestId) {
        record Detail(String type, String message, Details details) {}

        record Details(String errorCode) {}
    }

    private static final ObjectReader BODY = WireJson.reader(Body.class);
    /** Anthropic's only signal for an over-long prompt: a 400 invalid_request_error with this message (no code). */
    private static final String PROMPT_TOO_LONG = "prompt is too long";
    private static final String SPEND_CAP = "enforced_spend_limit_reached";

    private AnthropicErrors() {}

    static LlmError http(int status, String body, Long retryAfterMs) {
        Body b = WireJson.tryRead(BODY, body);
        if (b == null || b.error() == null) {
            return HttpErrors.byStatus(AnthropicCodec.PROVIDER, status, HttpErrors.text(AnthropicCodec.PROVIDER, status, WireJson.clip(body)), retryAfterMs);
        }
        return map(status, b.error(), retryAfterMs);
    }

    /** An error event inside a 200 stream. */
    static LlmError inStream(Body.Detail error) {
        return map(200, error == null ? new Body.Detail("api_error", null, null) : error, null);
    }

    private static LlmError map(int status, Body.Detail e, Long retryAfterMs) {
        String p = AnthropicCodec.PROVIDER;
        String type = e.type() == null ? "" : e.type();
        String text = HttpErrors.text(p, status, e.message() != null && !e.message().isEmpty() ? e.message() : type);
        return switch (type) {
            case "invalid_request_error" -> e.message() != null && e.message().startsWith(PROMPT_TOO_LONG)
                    ? new LlmError.ContextLengthExceeded(p, status, text)
                    : new LlmError.InvalidRequest(p, status, text);
            case "request_too_large" -> new LlmError.InvalidRequest(p, status, text);
            case "authentication_error" -> new LlmError.Auth(p, status, text);
            case "permission_error", "billing_error" -> new LlmError.Permission(p, status, text);
            case "not_found_error" -> new LlmError.ModelNotFound(p, status, text);
            // a spend cap lasts until the next billing period: waiting and retrying cannot help
            case "rate_limit_error" -> e.details() != null && SPEND_CAP.equals(e.details().errorCode())
                    ? new LlmError.Permission(p, status, text)
                    : new LlmError.RateLimited(p, status, text, retryAfterMs);
            case "overloaded_error" -> new LlmError.Overloaded(p, status, text, retryAfterMs);
            case "api_error", "conflict_error" -> new LlmError.ServerError(p, status, text, retryAfterMs);
            case "timeout_error" -> new LlmError.Timeout(p, status, text, null);
            default -> status >= 400 ? HttpErrors.byStatus(p, status, text, retryAfterMs) : new LlmError.ServerError(p, status, text, null);
        };
    }
}
