package dev.catalyst.server.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;

/**
 * The canvas's proof of login: an HttpOnly, SameSite=Strict cookie whose value is derived from
 * the token (an HMAC), so the token itself never sits in the browser and no page script can read
 * the cookie. Changing CATALYST_TOKEN logs every browser out.
 */
final class SessionCookie {
    static final String NAME = "catalyst_session";

    private SessionCookie() {}

    static String value(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal("catalyst canvas session v1".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The Set-Cookie value; Secure when the request came over TLS (a proxy that terminates TLS should add it). */
    static String header(String token, boolean secure) {
        return NAME + "=" + value(token) + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    static boolean matches(Request request, String token) {
        byte[] expected = value(token).getBytes(StandardCharsets.US_ASCII);
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(NAME) && MessageDigest.isEqual(expected, c.getValue().getBytes(StandardCharsets.US_ASCII))) return true;
        }
        return false;
    }
}
