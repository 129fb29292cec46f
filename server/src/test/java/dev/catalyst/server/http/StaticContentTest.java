package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canvas files: a browser's reload (conditional GET) gets 304, a missing file 404, never a 500. */
class StaticContentTest {
    @Test
    void aReloadIsNotModifiedAndAMissingFileIsNotFound(@TempDir Path dir) throws Exception {
        Path ui = Files.createDirectories(dir.resolve("dist"));
        Files.writeString(ui.resolve("index.html"), "<!doctype html><title>Catalyst</title>");
        var config = new ServerConfig("127.0.0.1", 0, null, Duration.ofSeconds(15), ServerConfig.loopback().maxBodyBytes(), 64, ui);
        try (var s = new TestServer(dir, config)) {
            var first = s.http.send(HttpRequest.newBuilder(URI.create(s.url("/"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("Catalyst");
            String etag = first.headers().firstValue("ETag").orElseThrow();
            var again = s.http.send(HttpRequest.newBuilder(URI.create(s.url("/"))).header("If-None-Match", etag).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(304);
            var missing = s.get("/favicon.ico");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.errorCode()).isEqualTo("not_found");
        }
    }
}
