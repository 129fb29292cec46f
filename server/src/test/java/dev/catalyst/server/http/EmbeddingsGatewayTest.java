package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingsGatewayTest {
    @TempDir
    static Path dir;
    static GatewayServer g;

    @BeforeAll
    static void start() {
        g = new GatewayServer(dir, ServerConfig.loopback());
    }

    @AfterAll
    static void stop() {
        g.close();
    }

    @Test
    void embedsWithTheLocalModelAsFloatsOrBase64() throws Exception {
        var floats = g.post("/v1/embeddings", "{\"model\": \"local/all-minilm-l6-v2\", \"input\": [\"otters\", \"herons\"]}");
        assertThat(floats.status()).as(floats.raw().body()).isEqualTo(200);
        assertThat(floats.body().get("object").stringValue()).isEqualTo("list");
        var data = floats.body().get("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(data.get(0).get("embedding")).hasSize(384);
        assertThat(g.get("/api/runs/" + floats.header("x-catalyst-run-id")).body().get("status").stringValue()).isEqualTo("completed");

        var packed = g.post("/v1/embeddings", "{\"model\": \"local\", \"input\": \"otters\", \"encoding_format\": \"base64\"}");
        assertThat(packed.status()).isEqualTo(200);
        var bytes = ByteBuffer.wrap(Base64.getDecoder().decode(packed.body().get("data").get(0).get("embedding").stringValue()))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(384 * 4);
        // the same text, the same vector (the local model embeds a text alone): base64 decodes to the floats
        assertThat(bytes.getFloat(0)).isEqualTo(data.get(0).get("embedding").get(0).floatValue());
    }

    @Test
    void embedsThroughAProviderAndRefusesBadInput() throws Exception {
        var r = g.post("/v1/embeddings", "{\"model\": \"openai/text-embedding-3-small\", \"input\": \"otters\"}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.body().get("usage").get("prompt_tokens").asLong()).isPositive();
        assertThat(g.post("/v1/embeddings", "{\"model\": \"local\", \"input\": [1, 2]}").body().get("error").get("param").stringValue())
                .isEqualTo("input");
        assertThat(g.post("/v1/embeddings", "{\"model\": \"openai/gpt-6.1-sol\", \"input\": \"x\"}").status()).isEqualTo(404);
    }
}
