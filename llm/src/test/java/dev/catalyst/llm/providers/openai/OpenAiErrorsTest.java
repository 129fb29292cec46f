package dev.catalyst.llm.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.providers.http.RecordedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every recorded OpenAI error shape (provider corpus, openai/errors/), mapped by code, then status. */
class OpenAiErrorsTest {
    final OpenAiCodec codec = new OpenAiCodec();

    @ParameterizedTest
    @CsvSource({
        "400-unsupported_parameter.json, 400, INVALID_REQUEST, Unsupported parameter",
        "401-invalid_api_key.json, 401, AUTH, Incorrect API key provided",
        "429-insufficient_quota.json, 429, PERMISSION, exceeded your current quota",
        "429-rate_limit_exceeded.json, 429, RATE_LIMITED, Rate limit reached for gpt-4o",
        "500-server_error.json, 500, SERVER_ERROR, The server had an error"
    })
    void bodies(String file, int status, ErrorCode code, String words) {
        RecordedError.assertBody(codec::error, "openai", file, status, code, words);
    }

    @ParameterizedTest
    @CsvSource({
        "401-invalid_api_key.http, AUTH, ",
        "429-insufficient_quota.http, PERMISSION, ",
        "429-rate_limit_exceeded.http, RATE_LIMITED, 19000",
        "500-server_error.http, SERVER_ERROR, "
    })
    void rawResponsesWithTheirHeaders(String file, ErrorCode code, Long retryAfterMs) {
        RecordedError r = RecordedError.http("openai/errors/" + file);
        LlmError e = r.readBy(codec::error);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.retryAfterMs()).isEqualTo(retryAfterMs);
    }

    static String body(String type, String code) {
        return "{\"error\":{\"message\":\"m\",\"type\":\"" + type + "\",\"param\":null,\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    @Test
    void theCodeDecidesWhereThereIsOne() {
        assertThat(codec.error(400, body("invalid_request_error", "context_length_exceeded"), null).code()).isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED);
        assertThat(codec.error(404, body("invalid_request_error", "model_not_found"), null).code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
        assertThat(codec.error(400, body("invalid_request_error", "content_filter"), null).code()).isEqualTo(ErrorCode.CONTENT_FILTERED);
        assertThat(codec.error(400, body("invalid_request_error", "content_policy_violation"), null).code()).isEqualTo(ErrorCode.CONTENT_FILTERED);
        assertThat(codec.error(400, body("invalid_request_error", "invalid_value"), null).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(codec.error(500, body("server_error", "server_error"), 7L).retryAfterMs()).isEqualTo(7L);
        // words in the message are not read: only the code is
        String wordy = "{\"error\":{\"message\":\"maximum context length is 8192 tokens\",\"type\":\"invalid_request_error\",\"code\":null}}";
        assertThat(codec.error(400, wordy, null).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void withoutACodeTheStatusDecides() {
        assertThat(codec.error(503, body("server_error", null), 5L)).isInstanceOf(LlmError.Overloaded.class);
        assertThat(codec.error(403, body("invalid_request_error", null), null).code()).isEqualTo(ErrorCode.PERMISSION);
        assertThat(codec.error(408, "", null).code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(codec.error(418, "{\"error\":\"x\"}", null).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(codec.error(400, body("invalid_request_error", "some_new_code"), null).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        LlmError noMessage = codec.error(500, "{\"error\":{\"type\":\"server_error\"}}", null);
        assertThat(noMessage.message()).isEqualTo("openai HTTP 500: server_error");
    }

    @Test
    void inAStreamTheTypeDecides() {
        assertThat(codec.error(200, new OpenAiErrors.ApiError("m", "server_error", null, null), null).code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(codec.error(200, new OpenAiErrors.ApiError("m", "invalid_request_error", null, null), null).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(codec.error(200, new OpenAiErrors.ApiError("m", "tokens", null, null), null).code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(codec.error(200, new OpenAiErrors.ApiError("m", "insufficient_quota", null, null), null).code()).isEqualTo(ErrorCode.PERMISSION);
        assertThat(codec.error(200, new OpenAiErrors.ApiError("m", null, null, "context_length_exceeded"), null).code())
                .isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED);
        assertThat(codec.error(200, new OpenAiErrors.ApiError("m", null, null, null), null).message()).isEqualTo("openai: m");
    }

    @Test
    void embeddingsMapErrorsTheSameWay() {
        var embeddings = new OpenAiEmbeddingCodec();
        assertThat(embeddings.error(429, RecordedError.json("openai/errors/429-insufficient_quota.json", 429).body(), null).code())
                .isEqualTo(ErrorCode.PERMISSION);
    }
}
