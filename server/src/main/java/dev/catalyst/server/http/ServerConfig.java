package dev.catalyst.server.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the HTTP server is set up.
 *
 * @param token            when set, every /api request except health needs {@code Authorization: Bearer <token>}
 * @param pingInterval     silence after which an event stream gets a {@code : ping} comment
 * @param maxBodyBytes     larger request bodies get 413
 * @param subscriberBuffer events a live subscriber may fall behind before it catches up from the store
 * @param uiDir            the built canvas served at {@code /}, or null
 * @param limits           workflow sizes and request read times the server accepts
 */
public record ServerConfig(String bind, int port, String token, Duration pingInterval, long maxBodyBytes,
                           int subscriberBuffer, Path uiDir, EdgeLimits limits) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;

    public ServerConfig {
        if (pingInterval == null) pingInterval = Duration.ofSeconds(15);
        if (token != null && token.isEmpty()) token = null;
        if (limits == null) limits = EdgeLimits.defaults();
    }

    public ServerConfig(String bind, int port, String token, Duration pingInterval, long maxBodyBytes,
                        int subscriberBuffer, Path uiDir) {
        this(bind, port, token, pingInterval, maxBodyBytes, subscriberBuffer, uiDir, EdgeLimits.defaults());
    }

    /** Port 0 on loopback (a free port), no token, default limits: what tests start from. */
    public static ServerConfig loopback() {
        return new ServerConfig(DEFAULT_BIND, 0, null, Duration.ofSeconds(15), DEFAULT_MAX_BODY, 1024, null);
    }

    /**
     * From CATALYST_BIND, CATALYST_PORT, CATALYST_TOKEN, CATALYST_MAX_BODY_BYTES and the limits of
     * {@link EdgeLimits#fromEnvironment}; serves {@code ui/dist} under {@code root} when it exists.
     */
    public static ServerConfig fromEnvironment(Map<String, String> env, Path root) {
        String bind = env.getOrDefault("CATALYST_BIND", DEFAULT_BIND);
        int port = DEFAULT_PORT;
        String p = env.get("CATALYST_PORT");
        if (p != null && !p.isBlank()) {
            try {
                port = Integer.parseInt(p.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CATALYST_PORT must be a port number, not '" + p + "'");
            }
            if (port < 0 || port > 65535) throw new IllegalArgumentException("CATALYST_PORT must be 0..65535, not " + port);
        }
        Path ui = root.resolve("ui").resolve("dist");
        long maxBody = EdgeLimits.number(env, "CATALYST_MAX_BODY_BYTES", DEFAULT_MAX_BODY, 1024, 1L << 30);
        return new ServerConfig(bind, port, env.get("CATALYST_TOKEN"), Duration.ofSeconds(15), maxBody, 1024,
                Files.isDirectory(ui) ? ui : null, EdgeLimits.fromEnvironment(env));
    }

    public ServerConfig withPingInterval(Duration d) {
        return new ServerConfig(bind, port, token, d, maxBodyBytes, subscriberBuffer, uiDir, limits);
    }

    public ServerConfig withToken(String t) {
        return new ServerConfig(bind, port, t, pingInterval, maxBodyBytes, subscriberBuffer, uiDir, limits);
    }

    public ServerConfig withMaxBodyBytes(long n) {
        return new ServerConfig(bind, port, token, pingInterval, n, subscriberBuffer, uiDir, limits);
    }

    public ServerConfig withSubscriberBuffer(int n) {
        return new ServerConfig(bind, port, token, pingInterval, maxBodyBytes, n, uiDir, limits);
    }

    public ServerConfig withUiDir(Path dir) {
        return new ServerConfig(bind, port, token, pingInterval, maxBodyBytes, subscriberBuffer, dir, limits);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(bind, p, token, pingInterval, maxBodyBytes, subscriberBuffer, uiDir, limits);
    }

    public ServerConfig withLimits(EdgeLimits l) {
        return new ServerConfig(bind, port, token, pingInterval, maxBodyBytes, subscriberBuffer, uiDir, l);
    }
}
