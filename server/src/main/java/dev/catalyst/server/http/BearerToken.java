package dev.catalyst.server.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** {@code Authorization: Bearer <token>}: the scheme in any case (RFC 9110 §11.1), the token's digest compared in constant time. */
final class BearerToken {
    private static final String SCHEME = "bearer ";

    private BearerToken() {}

    static boolean matches(Request req, TokenDigest token) {
        String header = req.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null) return false;
        header = header.strip();
        if (header.length() < SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) return false;
        return token.matches(header.substring(SCHEME.length()).strip());
    }
}
