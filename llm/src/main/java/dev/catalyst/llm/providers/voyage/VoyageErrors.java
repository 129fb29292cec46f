package dev.catalyst.llm.providers.voyage;

import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.providers.http.HttpErrors;
import dev.catalyst.llm.providers.http.WireJson;
import java.util.Locale;
import tools.jackson.databind.ObjectReader;

/**
 * Voyage's errors are {@code {"detail": "<message>"}} with no type or code (voyage/NOTES.md in the
 * provider corpus), so the HTTP status decides. The one documented fallback on the text: a 400
 * whose detail names the context length ("Number of tokens in an example exceeds the context
 * length") is context_length_exceeded, since Voyage gives nothing else to tell it from a bad batch.
 */
final class VoyageErrors {
    record Body(String detail) {}

    private static final String P = "voyage";
    private static final ObjectReader BODY = WireJson.reader(Body.class);

    private VoyageErrors() {}

    static LlmError map(int status, String body, Long retryAfterMs) {
        Body b = WireJson.tryRead(BODY, body);
        String detail = b != null && b.detail() != null ? b.detail() : WireJson.clip(body);
        String text = HttpErrors.text(P, status, detail);
        if (status == 400 && detail.toLowerCase(Locale.ROOT).contains("context length")) return new LlmError.ContextLengthExceeded(P, status, text);
        return HttpErrors.byStatus(P, status, text, retryAfterMs);
    }
}
