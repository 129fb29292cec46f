package dev.catalyst.llm.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.Fakes;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.error.Redactor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

class RetryAndSettingsTest {
    static HttpFields headers(Map<String, String> h) {
        var m = HttpFields.build();
        h.forEach(m::add);
        return m.asImmutable();
    }

    @Test
    void retryAfterHeaders() {
        Clock clock = Clock.fixed(Instant.parse("2026-08-22T12:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.millis(headers(Map.of("retry-after-ms", "250", "retry-after", "9")), clock)).isEqualTo(250L);
        assertThat(RetryAfter.millis(headers(Map.of("retry-after", "2")), clock)).isEqualTo(2000L);
        assertThat(RetryAfter.millis(headers(Map.of("retry-after", "1.5")), clock)).isEqualTo(1500L);
        String date = ZonedDateTime.parse("2026-08-22T12:00:07Z").format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(RetryAfter.millis(headers(Map.of("retry-after", date)), clock)).isEqualTo(7000L);
        assertThat(RetryAfter.millis(headers(Map.of("retry-after", "soon")), clock)).isNull();
        assertThat(RetryAfter.millis(headers(Map.of("retry-after-ms", "x", "retry-after", "3")), clock)).isEqualTo(3000L);
        assertThat(RetryAfter.millis(headers(Map.of()), clock)).isNull();
    }

    @Test
    void backoffGrowsWithJitterAndHonoursShortRetryAfter() {
        var fixed = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), 0.25, Duration.ofSeconds(60), () -> 0.0);
        assertThat(fixed.delayMs(0, null)).isEqualTo(500L);
        assertThat(fixed.delayMs(2, null)).isEqualTo(2000L);
        assertThat(fixed.delayMs(10, null)).isEqualTo(8000L);
        var jittered = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), 0.25, Duration.ofSeconds(60), () -> 1.0);
        assertThat(jittered.delayMs(0, null)).isEqualTo(375L);
        assertThat(fixed.delayMs(0, 1200L)).isEqualTo(1200L);
        assertThat(fixed.delayMs(0, 61_000L)).isNull();
        assertThat(RetryPolicy.defaults().withMaxRetries(5).maxRetries()).isEqualTo(5);
    }

    @Test
    void baseUrlsFollowTheSdkMeaning() {
        var s = ProviderSettings.fromEnvironment(Map.of("CATALYST_ANTHROPIC_BASE_URL", "http://127.0.0.1:9/",
                "CATALYST_GROQ_BASE_URL", "http://127.0.0.1:9/openai/v1"));
        assertThat(s.baseUrl("anthropic")).isEqualTo(URI.create("http://127.0.0.1:9"));
        assertThat(s.baseUrl("groq").getPath()).isEqualTo("/openai/v1");
        assertThat(s.baseUrl("openai").getPath()).isEqualTo("/v1");
        assertThat(s.baseUrl("voyage").getPath()).isEqualTo("/v1");
        assertThatThrownBy(() -> s.baseUrl("mystery")).isInstanceOf(IllegalArgumentException.class);
        assertThat(WireJson.append(URI.create("http://h/v1/"), "/x")).isEqualTo(URI.create("http://h/v1/x"));
        assertThat(Timeouts.defaults().withTotal(Duration.ofSeconds(3)).total()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void keysNeverShowUp() {
        Secret key = Fakes.KEY;
        assertThat(Redactor.redact("bad key " + key.reveal() + " in Authorization: Bearer " + key.reveal(), key)).doesNotContain(key.reveal());
        assertThat(Redactor.redact("Authorization: Bearer abc.def", null)).isEqualTo("Authorization: Bearer ****");
        assertThat(Redactor.redact("key gsk_abcdefghijkl leaked", null)).isEqualTo("key gsk_**** leaked");
        assertThat(Redactor.redact((String) null, key)).isNull();
        assertThat(CallOptions.of(key).toString()).doesNotContain(key.reveal());
        var e = new LlmException(new LlmError.Auth("openai", 401, Redactor.redact("Incorrect API key provided: " + key.reveal(), key)));
        assertThat(e.getMessage()).doesNotContain(key.reveal());
        assertThat(e.toNodeException().getMessage()).doesNotContain(key.reveal());
        assertThat(e.toNodeException().code()).isEqualTo(ErrorCode.AUTH);
    }

    @Test
    void everyErrorHasACodeAndARetryDecision() {
        List<LlmError> all = List.of(new LlmError.Auth("p", 401, "m"), new LlmError.Permission("p", 403, "m"), new LlmError.ModelNotFound("p", 404, "m"),
                new LlmError.InvalidRequest("p", 400, "m"), new LlmError.RateLimited("p", 429, "m", 5L), new LlmError.Overloaded("p", 529, "m", 6L),
                new LlmError.ServerError("p", 500, "m", 7L), new LlmError.Timeout("p", 0, "m", "part"), new LlmError.StreamInterrupted("p", 200, "m", "pt"),
                new LlmError.ContentFiltered("p", 400, "m"), new LlmError.ContextLengthExceeded("p", 400, "m"), new LlmError.Cancelled("p", 0, "m"));
        assertThat(all).extracting(LlmError::code).doesNotHaveDuplicates().hasSize(12);
        assertThat(all).filteredOn(LlmError::retryable).extracting(LlmError::code)
                .containsExactly(ErrorCode.RATE_LIMITED, ErrorCode.OVERLOADED, ErrorCode.SERVER_ERROR, ErrorCode.TIMEOUT);
        assertThat(all).filteredOn(x -> x.retryAfterMs() != null).hasSize(3);
        assertThat(all).filteredOn(x -> x.partialText() != null).extracting(LlmError::partialText).containsExactly("part", "pt");
    }
}
