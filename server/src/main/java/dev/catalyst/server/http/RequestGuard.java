package dev.catalyst.server.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

/**
 * The checks every request passes before a route runs or a body is read, so that no web page the
 * user visits can drive the server: the {@code Host} (DNS rebinding), the {@code Origin}
 * (cross-site requests), the content type of state-changing requests (a "simple" cross-site POST
 * is {@code text/plain} or a form), no token in a URL, and the token itself.
 */
final class RequestGuard {
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> TOKEN_PARAMETERS = Set.of("token", "access_token", "api_key", "apikey", "key", "auth");

    private final ServerConfig config;

    RequestGuard(ServerConfig config) {
        this.config = config;
    }

    /** The {@code Host} must name this server: a loopback name, the bind address or an allowed host. */
    void host(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        // Jetty refuses HTTP/1.1 without Host; an HTTP/1.0 client without one is no browser
        if (host == null) return;
        String name = hostName(host);
        if (!config.access().allowedHosts().contains(name)) {
            throw new ApiException(403, "host_not_allowed", "this server does not answer to the host name '" + printable(name)
                    + "'; add it to CATALYST_ALLOWED_HOSTS if clients reach the server by that name");
        }
    }

    /**
     * A browser's {@code Origin} must be this server's own or one of CATALYST_CORS_ORIGINS (which
     * then gets CORS headers). Returns true when the request was a CORS preflight, answered here.
     */
    boolean origin(Request request, Response response) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) return false;
        if (config.access().corsOrigins().contains(origin)) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().add(HttpHeader.VARY, "Origin");
            if (HttpMethod.OPTIONS.is(request.getMethod()) && request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD) != null) {
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, DELETE");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, Accept, Last-Event-ID");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
                return true;
            }
            return false;
        }
        if (!sameOrigin(origin, request.getHeaders().get(HttpHeader.HOST))) {
            throw new ApiException(403, "origin_not_allowed", "requests from the web page at " + printable(origin)
                    + " are refused; only this server's own canvas (and CATALYST_CORS_ORIGINS) may call it");
        }
        return false;
    }

    /** A request that changes state must say its body is JSON: browsers cannot send that cross-site without asking first. */
    void contentType(Request request) {
        if (!STATE_CHANGING.contains(request.getMethod())) return;
        // a DELETE without a body changes state too, but no form or simple request can send a DELETE
        if (request.getMethod().equals("DELETE") && request.getLength() <= 0 && request.getHeaders().get(HttpHeader.TRANSFER_ENCODING) == null) return;
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new ApiException(415, "unsupported_media_type", request.getMethod() + " needs Content-Type: application/json"
                    + (type == null ? "" : ", not " + printable(type)));
        }
    }

    /** A token in a URL ends up in logs, history and Referer headers: refused, whatever its value. */
    void noTokenInQuery(Request request) {
        if (request.getHttpURI().getQuery() == null) return;
        Fields query = Request.extractQueryParameters(request);
        for (var field : query) {
            boolean named = TOKEN_PARAMETERS.contains(field.getName().toLowerCase(Locale.ROOT));
            boolean valued = config.tokenDigest() != null && field.getValues().stream().anyMatch(config.tokenDigest()::matches);
            if (named || valued) {
                throw new ApiException(400, "token_in_query", "send the token in an Authorization: Bearer header (or log in at /login),"
                        + " never in the URL: query parameter '" + printable(field.getName()) + "' refused");
            }
        }
    }

    /** Whether the request carries the token: {@code Authorization: Bearer} or the canvas's session cookie. */
    boolean authenticated(Request request) {
        TokenDigest token = config.tokenDigest();
        return token == null || BearerToken.matches(request, token) || SessionCookie.matches(request, token);
    }

    static boolean stateChanging(String method) {
        return STATE_CHANGING.contains(method);
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) return false;
        try {
            URI uri = URI.create(origin);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) return false; // "null" and the like
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) return false;
            return uri.getRawAuthority().equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The host part of a Host header: without the port, brackets off an IPv6 literal, lower case. */
    static String hostName(String header) {
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    // an attacker's value, shown only when it is short and printable
    private static String printable(String s) {
        if (s.length() > 100 || s.chars().anyMatch(Character::isISOControl)) return "(not shown)";
        return s;
    }
}
