package dev.catalyst.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** {@code Authorization: Bearer <token>}: the scheme in any case (RFC 9110 §11.1), the token compared in constant time. */
final class BearerToken {
    private static final String SCHEME = "bearer ";

    private BearerToken() {}

    static boolean matches(Request req, String token) {
        String header = req.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null) return false;
        header = header.strip();
        if (header.length() < SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) return false;
        return sameToken(token, header.substring(SCHEME.length()).strip());
    }

    /** Compares in constant time, so the answer's timing tells nothing about how much of a guess was right. */
    static boolean sameToken(String token, String given) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
