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
 * @param access           the Host names, CORS origins, run rate and JSON depth the server accepts
 * @param tokenDigest      how requests are checked: the token's digest, or with no token the stored digest of a
 *                         generated one (its value was shown once and is not kept); null when nothing is asked
 */
public record ServerConfig(String bind, int port, String token, Duration pingInterval, long maxBodyBytes,
                           int subscriberBuffer, Path uiDir, EdgeLimits limits, AccessPolicy access, TokenDigest tokenDigest) {
    /** Shortest token accepted when the server is reachable beyond this machine. */
    public static final int MIN_EXPOSED_TOKEN = 16;

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;

    public ServerConfig {
        if (pingInterval == null) pingInterval = Duration.ofSeconds(15);
        if (token != null && token.isEmpty()) token = null;
        if (limits == null) limits = EdgeLimits.defaults();
        if (access == null) access = AccessPolicy.forBind(bind);
        if (token != null) tokenDigest = TokenDigest.of(token);
    }

    public ServerConfig(String bind, int port, String token, Duration pingInterval, long maxBodyBytes,
                        int subscriberBuffer, Path uiDir) {
        this(bind, port, token, pingInterval, maxBodyBytes, subscriberBuffer, uiDir, EdgeLimits.defaults(), null, null);
    }

    /**
     * Refuses a server reachable beyond this machine without a token of at least
     * {@value #MIN_EXPOSED_TOKEN} characters: binding elsewhere is the opt-in, the token its price.
     */
    public void requireTokenWhenExposed() {
        if (AccessPolicy.isLoopback(bind)) return;
        if (token == null && tokenDigest != null) return; // a generated token: 256 random bits
        if (token == null) {
            throw new IllegalArgumentException("CATALYST_BIND=" + bind + " makes the server reachable from other machines;"
                    + " set CATALYST_TOKEN to a secret of at least " + MIN_EXPOSED_TOKEN + " characters (e.g. `openssl rand -hex 32`),"
                    + " start with --generate-token (one is made and shown once), or bind to 127.0.0.1");
        }
        if (token.length() < MIN_EXPOSED_TOKEN) {
            throw new IllegalArgumentException("CATALYST_TOKEN is " + token.length() + " characters; a server bound to " + bind
                    + " needs at least " + MIN_EXPOSED_TOKEN);
        }
    }

    /** Port 0 on loopback (a free port), no token, default limits: what tests start from. */
    public static ServerConfig loopback() {
        return new ServerConfig(DEFAULT_BIND, 0, null, Duration.ofSeconds(15), DEFAULT_MAX_BODY, 1024, null);
    }

    /**
     * From CATALYST_BIND, CATALYST_PORT, CATALYST_TOKEN, CATALYST_MAX_BODY_BYTES, the limits of
     * {@link EdgeLimits#fromEnvironment} and the policy of {@link AccessPolicy#fromEnvironment};
     * serves {@code ui/dist} under {@code root} when it exists. Bound beyond loopback without a
     * token it throws (see {@link #requireTokenWhenExposed}).
     */
    public static ServerConfig fromEnvironment(Map<String, String> env, Path root) {
        return fromEnvironment(env, root, null);
    }

    /** As {@link #fromEnvironment(Map, Path)}; with no CATALYST_TOKEN, {@code generated} (a stored digest, or null) checks requests. */
    public static ServerConfig fromEnvironment(Map<String, String> env, Path root, TokenDigest generated) {
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
        var config = new ServerConfig(bind, port, env.get("CATALYST_TOKEN"), Duration.ofSeconds(15), maxBody, 1024,
                Files.isDirectory(ui) ? ui : null, EdgeLimits.fromEnvironment(env), AccessPolicy.fromEnvironment(env, bind), generated);
        config.requireTokenWhenExposed();
        return config;
    }

    public ServerConfig withPingInterval(Duration d) {
        return new ServerConfig(bind, port, token, d, maxBodyBytes, subscriberBuffer, uiDir, limits, access, tokenDigest);
    }

    public ServerConfig withToken(String t) {
        return new ServerConfig(bind, port, t, pingInterval, maxBodyBytes, subscriberBuffer, uiDir, limits, access, null);
    }

    public ServerConfig withMaxBodyBytes(long n) {
        return new ServerConfig(bind, port, token, pingInterval, n, subscriberBuffer, uiDir, limits, access, tokenDigest);
    }

    public ServerConfig withSubscriberBuffer(int n) {
        return new ServerConfig(bind, port, token, pingInterval, maxBodyBytes, n, uiDir, limits, access, tokenDigest);
    }

    public ServerConfig withUiDir(Path dir) {
        return new ServerConfig(bind, port, token, pingInterval, maxBodyBytes, subscriberBuffer, dir, limits, access, tokenDigest);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(bind, p, token, pingInterval, maxBodyBytes, subscriberBuffer, uiDir, limits, access, tokenDigest);
    }

    public ServerConfig withLimits(EdgeLimits l) {
        return new ServerConfig(bind, port, token, pingInterval, maxBodyBytes, subscriberBuffer, uiDir, l, access, tokenDigest);
    }

    public ServerConfig withAccess(AccessPolicy a) {
        return new ServerConfig(bind, port, token, pingInterval, maxBodyBytes, subscriberBuffer, uiDir, limits, a, tokenDigest);
    }

    /** Another bind address, with the default access policy for it. */
    public ServerConfig withBind(String b) {
        return new ServerConfig(b, port, token, pingInterval, maxBodyBytes, subscriberBuffer, uiDir, limits, null, tokenDigest);
    }
}
