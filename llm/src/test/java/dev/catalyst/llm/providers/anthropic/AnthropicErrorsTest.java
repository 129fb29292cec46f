package dev.catalyst.llm.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.providers.http.RecordedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every recorded Anthropic error shape (provider corpus, anthropic/errors/) mapped by its error.type. */
class AnthropicErrorsTest {
    final AnthropicCodec codec = new AnthropicCodec();

    @ParameterizedTest
    @CsvSource({
        "400-invalid_request_error.json, 400, INVALID_REQUEST, roles must alternate",
        "401-authentication_error.json, 401, AUTH, invalid x-api-key",
        "402-billing_error.json, 402, PERMISSION, credit balance is too low",
        "403-permission_error.json, 403, PERMISSION, does not have permission",
        "404-not_found_error.docs.json, 404, MODEL_NOT_FOUND, could not be found",
        "409-conflict_error.json, 409, SERVER_ERROR, conflicts with the current state",
        "413-request_too_large.json, 413, INVALID_REQUEST, maximum allowed number of bytes",
        "429-rate_limit_error.json, 429, RATE_LIMITED, 20,000 input tokens per minute",
        "429-spend-cap.docs.json, 429, PERMISSION, monthly API usage threshold",
        "500-api_error.json, 500, SERVER_ERROR, Internal server error",
        "504-timeout_error.json, 504, TIMEOUT, Request timed out",
        "529-overloaded_error.json, 529, OVERLOADED, Overloaded"
    })
    void bodies(String file, int status, ErrorCode code, String words) {
        RecordedError.assertBody(codec::error, "anthropic", file, status, code, words);
    }

    @ParameterizedTest
    @CsvSource({
        "401-authentication_error.http, AUTH, ",
        "429-rate_limit_error.http, RATE_LIMITED, 12000",
        "429-spend-cap.http, PERMISSION, ",
        "529-overloaded_error.http, OVERLOADED, "
    })
    void rawResponsesWithTheirHeaders(String file, ErrorCode code, Long retryAfterMs) {
        RecordedError r = RecordedError.http("anthropic/errors/" + file);
        LlmError e = r.readBy(codec::error);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.retryAfterMs()).isEqualTo(retryAfterMs);
    }

    @Test
    void theSpendCapIsNotRetriedButARateLimitIs() {
        assertThat(codec.error(429, RecordedError.http("anthropic/errors/429-spend-cap.http").body(), null).retryable()).isFalse();
        assertThat(codec.error(429, RecordedError.http("anthropic/errors/429-rate_limit_error.http").body(), 1000L).retryable()).isTrue();
    }

    @Test
    void anOverLongPromptIsTheOneMessageReadBecauseAnthropicGivesItNoType() {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 250000 tokens > 200000 maximum\"}}";
        assertThat(codec.error(400, body, null).code()).isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED);
        // the same words under another type are not read
        String other = "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"prompt is too long\"}}";
        assertThat(codec.error(500, other, null).code()).isEqualTo(ErrorCode.SERVER_ERROR);
    }

    @Test
    void unknownTypesAndForeignBodiesFallBackToTheStatus() {
        String future = "{\"type\":\"error\",\"error\":{\"type\":\"brand_new_error\",\"message\":\"new\"}}";
        assertThat(codec.error(503, future, 5L).code()).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(codec.error(403, future, null).code()).isEqualTo(ErrorCode.PERMISSION);
        LlmError html = codec.error(502, "<html>Bad gateway</html>", null);
        assertThat(html.code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(html.message()).isEqualTo("anthropic HTTP 502: <html>Bad gateway</html>");
        assertThat(codec.error(401, "", null).code()).isEqualTo(ErrorCode.AUTH);
        assertThat(codec.error(500, "{\"error\":\"flat\"}", null).message()).contains("flat");
    }

    @Test
    void streamErrorEventsMapByTheirTypeToo() {
        assertThat(AnthropicErrors.inStream(new AnthropicErrors.Body.Detail("overloaded_error", "Overloaded", null)))
                .isInstanceOf(LlmError.Overloaded.class).extracting(LlmError::message).isEqualTo("anthropic: Overloaded");
        assertThat(AnthropicErrors.inStream(new AnthropicErrors.Body.Detail("rate_limit_error", "slow down", null)).code())
                .isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(AnthropicErrors.inStream(new AnthropicErrors.Body.Detail("something_new", "?", null)).code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(AnthropicErrors.inStream(null).code()).isEqualTo(ErrorCode.SERVER_ERROR);
    }
}
