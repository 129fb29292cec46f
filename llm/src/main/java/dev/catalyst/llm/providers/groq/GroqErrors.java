package dev.catalyst.llm.providers.groq;

import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.providers.openai.OpenAiErrors;

/**
 * Groq's errors: OpenAI's shape ({@code param} usually absent) with Groq's own codes and statuses
 * first, then OpenAI's codes, then the status (groq/DIFFERENCES.md in the provider corpus).
 */
final class GroqErrors {
    private static final String P = "groq";

    private GroqErrors() {}

    static LlmError map(int status, OpenAiErrors.ApiError e, Long retryAfterMs) {
        String text = OpenAiErrors.text(P, status, e);
        String code = e.code() == null ? "" : e.code();
        // 413 with rate_limit_exceeded: this one request is larger than the per-minute budget; waiting does not help
        if (status == 413) return new LlmError.InvalidRequest(P, status, text);
        // 498: the flex tier is out of capacity for now
        if (status == 498) return new LlmError.Overloaded(P, status, text, retryAfterMs);
        LlmError own = switch (code) {
            case "model_decommissioned" -> new LlmError.ModelNotFound(P, status, text);
            case "capacity_exceeded" -> new LlmError.Overloaded(P, status, text, retryAfterMs);
            // the model's generated call or JSON failed validation: the request as sent cannot succeed as is
            case "tool_use_failed", "json_validate_failed" -> new LlmError.InvalidRequest(P, status, text);
            default -> null;
        };
        if (own != null) return own;
        LlmError coded = OpenAiErrors.byCode(P, status, e, text, retryAfterMs);
        return coded != null ? coded : OpenAiErrors.byStatusOrType(P, status, e, text, retryAfterMs);
    }
}
