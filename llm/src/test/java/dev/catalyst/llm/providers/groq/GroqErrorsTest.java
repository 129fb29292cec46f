package dev.catalyst.llm.providers.groq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.providers.http.RecordedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every recorded Groq error shape (provider corpus, groq/errors/), with Groq's own codes and statuses. */
class GroqErrorsTest {
    final GroqCodec codec = new GroqCodec();

    @ParameterizedTest
    @CsvSource({
        "400-tool_use_failed.observed.json, 400, INVALID_REQUEST, Tool call validation failed",
        "401-invalid_api_key.json, 401, AUTH, Invalid API Key",
        "413-request_too_large.observed.json, 413, INVALID_REQUEST, Request too large",
        "429-rate_limit_exceeded.observed.json, 429, RATE_LIMITED, Please try again in 23.5125s",
        "error-shape.docs.json, 400, INVALID_REQUEST, description of the specific error",
        "error-shape.docs.json, 500, SERVER_ERROR, description of the specific error"
    })
    void bodies(String file, int status, ErrorCode code, String words) {
        RecordedError.assertBody(codec::error, "groq", file, status, code, words);
    }

    @Test
    void theRawRateLimitResponseCarriesItsWait() {
        RecordedError r = RecordedError.http("groq/errors/429-rate_limit_exceeded.http");
        LlmError e = r.readBy(codec::error);
        assertThat(e).isInstanceOf(LlmError.RateLimited.class);
        assertThat(e.retryAfterMs()).isEqualTo(24_000L);
    }

    static String body(String type, String code) {
        return "{\"error\":{\"message\":\"m\",\"type\":\"" + type + "\",\"code\":\"" + code + "\"}}";
    }

    @Test
    void groqsOwnCodesAndStatuses() {
        assertThat(codec.error(400, body("invalid_request_error", "model_decommissioned"), null).code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
        assertThat(codec.error(400, body("invalid_request_error", "json_validate_failed"), null).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(codec.error(498, body("capacity_exceeded", "capacity_exceeded"), 3L)).isInstanceOf(LlmError.Overloaded.class)
                .extracting(LlmError::retryAfterMs).isEqualTo(3L);
        assertThat(codec.error(498, "", null).code()).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(codec.error(503, body("server_error", "capacity_exceeded"), null).code()).isEqualTo(ErrorCode.OVERLOADED);
        // then OpenAI's codes, then the status
        assertThat(codec.error(400, body("invalid_request_error", "context_length_exceeded"), null).code()).isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED);
        assertThat(codec.error(404, body("invalid_request_error", "model_not_found"), null).code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
        assertThat(codec.error(422, body("invalid_request_error", "unknown_new_code"), null).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(codec.error(502, "<html>", null).code()).isEqualTo(ErrorCode.SERVER_ERROR);
    }
}
