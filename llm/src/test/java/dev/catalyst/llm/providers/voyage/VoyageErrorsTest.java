package dev.catalyst.llm.providers.voyage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.providers.http.RecordedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every recorded Voyage error shape (provider corpus, voyage/errors/): {@code {"detail": ...}}, decided by the status. */
class VoyageErrorsTest {
    final VoyageEmbeddingCodec codec = new VoyageEmbeddingCodec();

    @ParameterizedTest
    @CsvSource({
        "400-batch-token-limit.observed.json, 400, INVALID_REQUEST, max allowed tokens per submitted batch",
        "401-invalid-key.observed.json, 401, AUTH, Provided API key is invalid.",
        "error-shape.docs.json, 429, RATE_LIMITED, The error message.",
        "error-shape.docs.json, 403, PERMISSION, The error message.",
        "error-shape.docs.json, 503, OVERLOADED, The error message.",
        "error-shape.docs.json, 500, SERVER_ERROR, The error message."
    })
    void bodies(String file, int status, ErrorCode code, String words) {
        RecordedError.assertBody(codec::error, "voyage", file, status, code, words).doesNotContain("\"detail\"");
    }

    @Test
    void theRawUnauthorizedResponse() {
        RecordedError r = RecordedError.http("voyage/errors/401-invalid-key.http");
        LlmError e = r.readBy(codec::error);
        assertThat(e).isInstanceOf(LlmError.Auth.class);
        assertThat(e.message()).isEqualTo("voyage HTTP 401: Provided API key is invalid.");
    }

    @Test
    void contextLengthIsTheDocumentedTextFallback() {
        String body = "{\"detail\":\"Number of tokens in an example exceeds the context length\"}";
        assertThat(codec.error(400, body, null).code()).isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED);
        assertThat(codec.error(500, body, null).code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(codec.error(502, "<html>bad gateway</html>", null).message()).isEqualTo("voyage HTTP 502: <html>bad gateway</html>");
    }
}
