package dev.catalyst.llm.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import java.net.URI;
import org.junit.jupiter.api.Test;

class WireRequestTest {
    @Test
    void headersAreAddedInOrderAndReadIgnoringCase() {
        var r = WireJson.post(URI.create("http://127.0.0.1:1/v1/chat/completions"), Json.parse("{\"a\":1}"), true)
                .header("Authorization", "Bearer sk-secret");
        assertThat(r.headers()).extracting(WireRequest.Header::name).containsExactly("content-type", "accept", "Authorization");
        assertThat(r.firstValue("authorization")).isEqualTo("Bearer sk-secret");
        assertThat(r.firstValue("x-missing")).isNull();
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    /** A request may end up in a log line or an exception message; its keys must not. */
    @Test
    void printingARequestShowsHeaderNamesButNoValues() {
        var r = WireJson.post(URI.create("http://127.0.0.1:1/v1/messages"), Json.parse("{}"), false).header("x-api-key", "sk-secret");
        assertThat(r.toString()).contains("POST http://127.0.0.1:1/v1/messages", "x-api-key").doesNotContain("sk-secret");
    }
}
