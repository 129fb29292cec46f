package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests a proxy or an odd client may send, written byte for byte on a socket. */
class RawHttpTest {
    @Test
    void http10IsServed(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback())) {
            String reply = exchange(t.server.port(), "GET /api/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
            // Jetty answers in its own version (RFC 9110 allows it); what matters is that 1.0 is served, not refused with 505
            assertThat(reply).matches("(?s)HTTP/1\\.[01] 200 .*").contains("\"status\":\"ok\"");
            assertThat(reply).doesNotContain("Server:");
        }
    }

    @Test
    void requestsJettyRefusesGetTheContractsJsonError(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback())) {
            String huge = "x".repeat(64 * 1024);
            String reply = exchange(t.server.port(), "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + huge + "\r\n\r\n");
            assertThat(reply).startsWith("HTTP/1.1 431");
            var error = Json.parse(reply.substring(reply.indexOf("\r\n\r\n") + 4)).get("error");
            assertThat(error.get("code").asString()).isEqualTo("invalid_request");
            assertThat(error.get("message").asString()).isNotBlank();
        }
    }

    private static String exchange(int port, String request) throws IOException {
        try (var s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
