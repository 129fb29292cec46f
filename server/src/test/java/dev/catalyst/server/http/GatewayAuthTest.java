package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /v1 takes the same token as /api, sent as the OpenAI SDKs send their key. */
class GatewayAuthTest {
    @TempDir
    static Path dir;
    static GatewayServer g;

    @BeforeAll
    static void start() {
        g = new GatewayServer(dir, ServerConfig.loopback().withToken("gateway-test-token-0123456789"));
    }

    @AfterAll
    static void stop() {
        g.close();
    }

    @Test
    void aWrongOrMissingKeyIsA401InOpenAisShape() throws Exception {
        String chat = "{\"model\": \"openai/gpt-6.1-sol\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        for (var auth : new String[] {null, "Bearer sk-wrong"}) {
            var b = HttpRequest.newBuilder(g.request("/v1/chat/completions").build().uri()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(chat));
            if (auth != null) b.header("Authorization", auth);
            var r = g.send(b);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body().get("error").get("type").stringValue()).isEqualTo("authentication_error");
            assertThat(r.body().get("error").get("code").stringValue()).isEqualTo("invalid_api_key");
            assertThat(r.raw().body()).doesNotContain("gateway-test-token");
        }
        var ok = g.post("/v1/chat/completions", chat);
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
    }
}
