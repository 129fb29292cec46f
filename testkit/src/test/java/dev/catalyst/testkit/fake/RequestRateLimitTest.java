package dev.catalyst.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.testkit.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestRateLimitTest {
    @Test
    void admitsPerWindowAndTellsTheWaitUntilTheNext() {
        var clock = new ManualClock();
        var limit = new RequestRateLimit(2, Duration.ofSeconds(1), clock);
        assertThat(limit.admit()).isZero();
        clock.advance(Duration.ofMillis(300));
        assertThat(limit.admit()).isZero();
        assertThat(limit.admit()).isEqualTo(700);
        clock.advance(Duration.ofMillis(700));
        assertThat(limit.admit()).isZero();
        clock.advance(Duration.ofMillis(2250)); // windows stay on the grid of the first one
        assertThat(limit.admit()).isZero();
        assertThat(limit.admit()).isZero();
        assertThat(limit.admit()).isEqualTo(750);
        assertThatThrownBy(() -> new RequestRateLimit(0, Duration.ofSeconds(1), clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFakeAnswersOverTheLimitWith429AndTheWait() throws Exception {
        var clock = new ManualClock();
        try (var openai = new OpenAiFake(ModelCatalog.builtIn())) {
            openai.rateLimit(new RequestRateLimit(1, Duration.ofSeconds(1), clock));
            var uri = openai.baseUrl().resolve("/v1/embeddings");
            String body = "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\"]}";
            assertThat(Wire.post(uri, FixtureConformanceTest.BEARER, body).statusCode()).isEqualTo(200);
            var refused = Wire.post(uri, FixtureConformanceTest.BEARER, body);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("retry-after-ms")).contains("1000");
            assertThat(openai.rateLimited()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            assertThat(Wire.post(uri, FixtureConformanceTest.BEARER, body).statusCode()).isEqualTo(200);
            openai.reset();
            assertThat(Wire.post(uri, FixtureConformanceTest.BEARER, body).statusCode()).isEqualTo(200);
        }
    }
}
