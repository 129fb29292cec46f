package dev.catalyst.server.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's token as its SHA-256 digest: how every token is checked, and all that a generated
 * token leaves on disk. One hash round suffices: tokens are long random strings (a generated one
 * has 256 bits), not passwords to guess.
 */
public record TokenDigest(byte[] sha256) {
    public TokenDigest {
        if (sha256 == null || sha256.length != 32) throw new IllegalArgumentException("a token digest is 32 bytes of SHA-256");
        sha256 = sha256.clone();
    }

    public static TokenDigest of(String token) {
        return new TokenDigest(hash(token));
    }

    /** From {@link #encoded()}; IllegalArgumentException when it is not one. */
    public static TokenDigest decode(String base64) {
        return new TokenDigest(Base64.getDecoder().decode(base64));
    }

    public String encoded() {
        return Base64.getEncoder().encodeToString(sha256);
    }

    /** Whether {@code given} is the token, compared in constant time. */
    public boolean matches(String given) {
        return given != null && MessageDigest.isEqual(sha256, hash(given));
    }

    /** The canvas's session cookie value: keyed by the digest, so a generated token needs nothing more on disk. */
    String sessionValue() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sha256, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal("catalyst canvas session v2".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] hash(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenDigest t && MessageDigest.isEqual(sha256, t.sha256);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sha256);
    }

    // the digest opens the canvas's session: never printed
    @Override
    public String toString() {
        return "TokenDigest[…]";
    }
}
