package dev.catalyst.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;

/**
 * The canvas's proof of login: an HttpOnly, SameSite=Strict cookie whose value is derived from
 * the token's digest (an HMAC), so the token itself never sits in the browser and no page script can read
 * the cookie. Changing the token logs every browser out.
 */
final class SessionCookie {
    static final String NAME = "catalyst_session";

    private SessionCookie() {}

    /** The Set-Cookie value; Secure when the request came over TLS (a proxy that terminates TLS should add it). */
    static String header(TokenDigest token, boolean secure) {
        return NAME + "=" + token.sessionValue() + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    static boolean matches(Request request, TokenDigest token) {
        byte[] expected = token.sessionValue().getBytes(StandardCharsets.US_ASCII);
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(NAME) && MessageDigest.isEqual(expected, c.getValue().getBytes(StandardCharsets.US_ASCII))) return true;
        }
        return false;
    }
}
