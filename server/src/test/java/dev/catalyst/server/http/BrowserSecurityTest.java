package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.server.TestExecutors;
import dev.catalyst.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile web page (or a careless client) can send, byte for byte over a socket: the
 * server answers only its own pages and clients, and refuses before it reads a body.
 */
class BrowserSecurityTest {
    static final String WORKFLOW = TestExecutors.WORKFLOW.replaceAll("\\s+", " ");
    static final String RUN = "{\"workflow\": " + WORKFLOW + ", \"inputs\": {}}";
    static final String TOKEN = "a-token-of-enough-length-0123456789";

    static String post(String path, String host, String extraHeaders, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body;
    }

    static String get(String path, String host, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "Connection: close\r\n\r\n";
    }

    static int status(String reply) {
        return Integer.parseInt(reply.substring(9, 12));
    }

    @Test
    void theCrossSiteSimpleRequestOfTheIssueIsRefused(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback())) {
            int port = t.server.port();
            String host = "127.0.0.1:" + port;
            // the measured attack: a page on another site posts a workflow as text/plain
            String reply = RawHttp.exchange(port, post("/api/runs", host, "Origin: http://evil.example\r\n", "text/plain", RUN));
            assertThat(status(reply)).isEqualTo(403);
            assertThat(RawHttp.errorCode(reply)).isEqualTo("origin_not_allowed");
            // the same body without an Origin (a non-browser client) is still no JSON request
            String plain = RawHttp.exchange(port, post("/api/runs", host, "", "text/plain", RUN));
            assertThat(status(plain)).isEqualTo(415);
            assertThat(RawHttp.errorCode(plain)).isEqualTo("unsupported_media_type");
            String form = RawHttp.exchange(port, post("/api/runs", host, "", "application/x-www-form-urlencoded", "a=b"));
            assertThat(status(form)).isEqualTo(415);
            String none = RawHttp.exchange(port, post("/api/runs/x/cancel", host, "", null, ""));
            assertThat(status(none)).isEqualTo(415);
            // an Origin of "null" (a sandboxed frame, a file) is foreign too
            assertThat(status(RawHttp.exchange(port, post("/api/runs", host, "Origin: null\r\n", "application/json", RUN)))).isEqualTo(403);
            // a DNS-rebound page names the server by its own host name
            String rebound = RawHttp.exchange(port, post("/api/runs", "evil.example:" + port, "Origin: http://evil.example:" + port + "\r\n",
                    "application/json", RUN));
            assertThat(status(rebound)).isEqualTo(403);
            assertThat(RawHttp.errorCode(rebound)).isEqualTo("host_not_allowed");
            assertThat(t.get("/api/runs").body().get("runs")).as("no run was started").isEmpty();
            // the canvas itself: same origin, JSON
            String own = RawHttp.exchange(port, post("/api/runs", host, "Origin: http://" + host + "\r\n", "application/json; charset=utf-8", RUN));
            assertThat(status(own)).isEqualTo(201);
            String localhost = RawHttp.exchange(port, post("/api/workflows/validate", "localhost:" + port,
                    "Origin: http://localhost:" + port + "\r\n", "application/json", WORKFLOW));
            assertThat(status(localhost)).isEqualTo(200);
        }
    }

    @Test
    void aWrongHostIsRefusedOnEveryPathEvenReads(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback())) {
            int port = t.server.port();
            for (String path : new String[] {"/api/health", "/api/runs", "/", "/login"}) {
                String reply = RawHttp.exchange(port, get(path, "evil.example", ""));
                assertThat(status(reply)).as(path).isEqualTo(403);
                assertThat(RawHttp.errorCode(reply)).isEqualTo("host_not_allowed");
            }
            assertThat(status(RawHttp.exchange(port, get("/api/health", "LOCALHOST.", "")))).isEqualTo(200);
            assertThat(status(RawHttp.exchange(port, get("/api/health", "[::1]:" + port, "")))).isEqualTo(200);
        }
    }

    @Test
    void allowedHostsAndCorsOriginsAreOptIn(@TempDir Path dir) throws Exception {
        var access = AccessPolicy.fromEnvironment(Map.of("CATALYST_ALLOWED_HOSTS", "catalyst.internal, other.lan",
                "CATALYST_CORS_ORIGINS", "https://app.example.com"), "127.0.0.1");
        try (var t = new TestServer(dir, ServerConfig.loopback().withAccess(access))) {
            int port = t.server.port();
            assertThat(status(RawHttp.exchange(port, get("/api/health", "catalyst.internal:" + port, "")))).isEqualTo(200);
            String preflight = RawHttp.exchange(port, "OPTIONS /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://app.example.com\r\n"
                    + "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
            assertThat(status(preflight)).isEqualTo(204);
            assertThat(preflight).contains("Access-Control-Allow-Origin: https://app.example.com").contains("Access-Control-Allow-Headers: Authorization");
            String cors = RawHttp.exchange(port, get("/api/nodes", "127.0.0.1", "Origin: https://app.example.com\r\n"));
            assertThat(status(cors)).isEqualTo(200);
            assertThat(cors).contains("Access-Control-Allow-Origin: https://app.example.com");
            String other = RawHttp.exchange(port, get("/api/nodes", "127.0.0.1", "Origin: https://elsewhere.example.com\r\n"));
            assertThat(status(other)).isEqualTo(403);
            assertThat(other).doesNotContain("Access-Control-Allow-Origin");
        }
        // without configuration, no CORS header at all
        try (var t = new TestServer(dir.resolve("b"), ServerConfig.loopback())) {
            String reply = RawHttp.exchange(t.server.port(), get("/api/nodes", "127.0.0.1", "Origin: https://app.example.com\r\n"));
            assertThat(status(reply)).isEqualTo(403);
            assertThat(reply).doesNotContain("Access-Control-Allow");
        }
        assertThatThrownBy(() -> AccessPolicy.fromEnvironment(Map.of("CATALYST_CORS_ORIGINS", "https://a.example/path"), "127.0.0.1"))
                .hasMessageContaining("CATALYST_CORS_ORIGINS");
        assertThatThrownBy(() -> AccessPolicy.fromEnvironment(Map.of("CATALYST_ALLOWED_HOSTS", "http://a.example"), "127.0.0.1"))
                .hasMessageContaining("CATALYST_ALLOWED_HOSTS");
    }

    @Test
    void boundBeyondLoopbackTheServerRefusesToStartWithoutAToken(@TempDir Path root) {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CATALYST_BIND", "0.0.0.0"), root))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CATALYST_TOKEN");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CATALYST_BIND", "0.0.0.0", "CATALYST_TOKEN", "short"), root))
                .hasMessageContaining("at least 16");
        var exposed = ServerConfig.fromEnvironment(Map.of("CATALYST_BIND", "0.0.0.0", "CATALYST_TOKEN", TOKEN, "CATALYST_ALLOWED_HOSTS", "box.lan"), root);
        assertThat(exposed.access().allowedHosts()).contains("box.lan", "localhost").doesNotContain("0.0.0.0");
        assertThat(ServerConfig.fromEnvironment(Map.of("CATALYST_BIND", "127.0.0.2"), root).token()).isNull();
        assertThat(ServerConfig.fromEnvironment(Map.of("CATALYST_BIND", "::1"), root).access().allowedHosts()).contains("::1");
        // a server built in code (not from the environment) is held to the same rule
        assertThatThrownBy(() -> new TestServer(root, ServerConfig.loopback().withBind("0.0.0.0").withPort(0)))
                .hasMessageContaining("CATALYST_TOKEN");
    }

    @Test
    void withATokenNothingIsAnsweredOrReadWithoutIt(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback().withToken(TOKEN))) {
            int port = t.server.port();
            String host = "127.0.0.1:" + port;
            // no token: 401, and the server did not wait for the body it was promised
            String head = "POST /api/runs HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
            String refused = RawHttp.exchangeOpen(port, head + "{");
            assertThat(status(refused)).isEqualTo(401);
            assertThat(RawHttp.errorCode(refused)).isEqualTo("auth");
            // a token in the URL is refused even when it is right, and its value is not echoed
            String query = RawHttp.exchange(port, get("/api/nodes?token=" + TOKEN, host, ""));
            assertThat(status(query)).isEqualTo(400);
            assertThat(RawHttp.errorCode(query)).isEqualTo("token_in_query");
            assertThat(query).doesNotContain(TOKEN);
            String hidden = RawHttp.exchange(port, get("/api/runs?workflowId=" + TOKEN, host, "Authorization: Bearer " + TOKEN + "\r\n"));
            assertThat(status(hidden)).isEqualTo(400);
            assertThat(hidden).doesNotContain(TOKEN);
            // the bearer header works
            assertThat(status(RawHttp.exchange(port, get("/api/nodes", host, "Authorization: Bearer " + TOKEN + "\r\n")))).isEqualTo(200);
            assertThat(status(RawHttp.exchange(port, get("/api/nodes", host, "Authorization: Bearer wrong\r\n")))).isEqualTo(401);
        }
    }

    @Test
    void theCanvasLogsInThroughAFormAndAnHttpOnlyStrictCookie(@TempDir Path dir) throws Exception {
        Path ui = Files.createDirectories(dir.resolve("dist"));
        Files.writeString(ui.resolve("index.html"), "<!doctype html><title>canvas</title>");
        Files.writeString(ui.resolve("app.js"), "console.log('canvas')");
        try (var t = new TestServer(dir, ServerConfig.loopback().withToken(TOKEN).withUiDir(ui))) {
            int port = t.server.port();
            String host = "127.0.0.1:" + port;
            String page = RawHttp.exchange(port, get("/", host, ""));
            assertThat(status(page)).isEqualTo(303);
            assertThat(page).contains("Location: /login");
            assertThat(status(RawHttp.exchange(port, get("/app.js", host, "")))).as("the public build needs no login").isEqualTo(200);
            String form = RawHttp.exchange(port, get("/login", host, ""));
            assertThat(status(form)).isEqualTo(200);
            assertThat(form).contains("<form method=\"post\" action=\"/login\">").contains("Content-Security-Policy:");
            // a wrong token: the form again, no cookie
            String wrong = RawHttp.exchange(port, post("/login", host, "Origin: http://" + host + "\r\n", "application/x-www-form-urlencoded", "token=nope"));
            assertThat(status(wrong)).isEqualTo(401);
            assertThat(wrong).doesNotContain("Set-Cookie");
            // a cross-site page cannot log the browser in
            String foreign = RawHttp.exchange(port, post("/login", host, "Origin: http://evil.example\r\n", "application/x-www-form-urlencoded", "token=" + TOKEN));
            assertThat(status(foreign)).isEqualTo(403);
            String ok = RawHttp.exchange(port, post("/login", host, "Origin: http://" + host + "\r\n", "application/x-www-form-urlencoded", "token=" + TOKEN));
            assertThat(status(ok)).isEqualTo(303);
            String cookieLine = ok.lines().filter(l -> l.startsWith("Set-Cookie:")).findFirst().orElseThrow();
            assertThat(cookieLine).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/").doesNotContain(TOKEN);
            String cookie = cookieLine.substring("Set-Cookie: ".length()).split(";")[0];
            assertThat(status(RawHttp.exchange(port, get("/", host, "Cookie: " + cookie + "\r\n")))).isEqualTo(200);
            assertThat(status(RawHttp.exchange(port, get("/api/nodes", host, "Cookie: " + cookie + "\r\n")))).isEqualTo(200);
            String run = RawHttp.exchange(port, post("/api/runs", host, "Cookie: " + cookie + "\r\nOrigin: http://" + host + "\r\n", "application/json", RUN));
            assertThat(status(run)).isEqualTo(201);
            assertThat(status(RawHttp.exchange(port, get("/api/nodes", host, "Cookie: catalyst_session=forged\r\n")))).isEqualTo(401);
        }
    }

    @Test
    void securityHeadersAreOnEveryAnswer(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback())) {
            String reply = RawHttp.exchange(t.server.port(), get("/api/health", "127.0.0.1", ""));
            assertThat(reply).contains("Content-Security-Policy: default-src 'self'; script-src 'self'")
                    .contains("frame-ancestors 'none'").contains("X-Content-Type-Options: nosniff").contains("X-Frame-Options: DENY")
                    .contains("Referrer-Policy: no-referrer");
            String refused = RawHttp.exchange(t.server.port(), get("/api/health", "evil.example", ""));
            assertThat(refused).contains("X-Frame-Options: DENY");
        }
    }

    @Test
    void oversizeAndDeeplyNestedBodiesAreRefused(@TempDir Path dir) throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback().withMaxBodyBytes(64 * 1024))) {
            int port = t.server.port();
            String host = "127.0.0.1:" + port;
            String big = "{\"x\": \"" + "a".repeat(100 * 1024) + "\"}";
            String over = RawHttp.exchange(port, post("/api/workflows/validate", host, "", "application/json", big));
            assertThat(status(over)).isEqualTo(413);
            assertThat(RawHttp.errorCode(over)).isEqualTo("payload_too_large");
            String deep = "[".repeat(65) + "]".repeat(65);
            String nested = RawHttp.exchange(port, post("/api/workflows/validate", host, "", "application/json", deep));
            assertThat(status(nested)).isEqualTo(400);
            assertThat(RawHttp.errorCode(nested)).isEqualTo("json_too_deep");
            String deeper = "{\"a\":".repeat(8_000) + "1" + "}".repeat(8_000);
            assertThat(RawHttp.errorCode(RawHttp.exchange(port, post("/api/runs", host, "", "application/json", deeper)))).isEqualTo("json_too_deep");
            // brackets inside strings are text, not nesting
            String inString = "{\"workflow\": " + WORKFLOW.replace("\"Hello\"", "\"" + "[{\\\"".repeat(100) + "\"") + ", \"inputs\": {}}";
            assertThat(status(RawHttp.exchange(port, post("/api/runs", host, "", "application/json", inString)))).isEqualTo(201);
        }
    }

    @Test
    void runCreationIsLimitedPerClientOnTheInjectedClock(@TempDir Path dir) throws Exception {
        var clock = new ManualClock();
        var config = ServerConfig.loopback().withAccess(AccessPolicy.forBind("127.0.0.1").withRunsPerMinute(3));
        try (var t = new TestServer(dir, config, clock)) {
            for (int i = 0; i < 3; i++) t.startRun();
            var refused = t.post("/api/runs", RUN);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.errorCode()).isEqualTo("rate_limited");
            assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("20");
            // reads are not limited
            assertThat(t.get("/api/runs").status()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(20));
            t.startRun();
            assertThat(t.post("/api/runs", RUN).status()).isEqualTo(429);
        }
    }

    @Test
    void depthIsMeasuredOnTheTextOutsideStrings() {
        assertThat(JsonDepth.exceeds("{\"a\": [1, {\"b\": 2}]}", 3)).isFalse();
        assertThat(JsonDepth.exceeds("{\"a\": [1, {\"b\": 2}]}", 2)).isTrue();
        assertThat(JsonDepth.exceeds("\"[[[[\\\"[[[[\"", 1)).isFalse();
        assertThat(RequestGuard.hostName("[::1]:7070")).isEqualTo("::1");
        assertThat(RequestGuard.hostName("Example.COM.:80")).isEqualTo("example.com");
    }
}
