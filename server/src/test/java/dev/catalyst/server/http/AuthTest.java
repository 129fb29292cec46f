package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {
    @Test
    void aTokenGuardsTheApiButNotHealth(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback().withToken("s3cret-token"))) {
            t.token = null;
            assertThat(t.get("/api/health").status()).isEqualTo(200);
            var denied = t.get("/api/nodes");
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.errorCode()).isEqualTo("auth");
            assertThat(denied.raw().body()).doesNotContain("s3cret-token");
            assertThat(denied.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            t.token = "wrong";
            assertThat(t.get("/api/runs/x").status()).isEqualTo(401);
            t.token = "s3cret-token";
            assertThat(t.get("/api/nodes").status()).isEqualTo(200);
            assertThat(t.server.url()).isEqualTo("http://127.0.0.1:" + t.server.port());
        }
    }

    @Test
    void configComesFromTheEnvironment(@TempDir Path root) throws Exception {
        var c = ServerConfig.fromEnvironment(java.util.Map.of("CATALYST_PORT", "8123", "CATALYST_BIND", "127.0.0.2", "CATALYST_TOKEN", ""), root);
        assertThat(c.port()).isEqualTo(8123);
        assertThat(c.bind()).isEqualTo("127.0.0.2");
        assertThat(c.token()).isNull();
        assertThat(c.uiDir()).isNull();
        java.nio.file.Files.createDirectories(root.resolve("ui/dist"));
        var d = ServerConfig.fromEnvironment(java.util.Map.of(), root);
        assertThat(d.port()).isEqualTo(7070);
        assertThat(d.bind()).isEqualTo("127.0.0.1");
        assertThat(d.uiDir()).isEqualTo(root.resolve("ui/dist"));
        assertThat(d.pingInterval()).hasSeconds(15);
        assertThat(d.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerConfig.fromEnvironment(java.util.Map.of("CATALYST_PORT", "http"), root))
                .hasMessageContaining("CATALYST_PORT");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerConfig.fromEnvironment(java.util.Map.of("CATALYST_PORT", "70000"), root))
                .hasMessageContaining("0..65535");
        assertThat(d.withSubscriberBuffer(3).withPort(1).subscriberBuffer()).isEqualTo(3);
    }
}
