package dev.catalyst.llm.providers.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A key pair and self-signed certificate made at test time by the JDK's {@code keytool} (nothing
 * secret is checked in): the TLS upstream serves it, the client trusts it through {@link #trustStore()}.
 */
record SelfSignedCertificate(KeyStore keyStore, String password) {
    private static final String ALIAS = "upstream";

    /** {@code san} is keytool's subject alternative name list, e.g. {@code dns:localhost,ip:127.0.0.1}. */
    static SelfSignedCertificate generate(Path dir, String san) throws IOException, InterruptedException, GeneralSecurityException {
        Path file = dir.resolve("upstream-" + System.nanoTime() + ".p12");
        String password = "test-only-" + System.nanoTime();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=catalyst test upstream", "-ext", "SAN=" + san, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        var keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, password.toCharArray());
        }
        return new SelfSignedCertificate(keyStore, password);
    }

    /** A trust store holding only this certificate. */
    KeyStore trustStore() throws IOException, GeneralSecurityException {
        var trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, keyStore.getCertificate(ALIAS));
        return trust;
    }
}
