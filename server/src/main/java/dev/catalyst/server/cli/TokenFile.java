package dev.catalyst.server.cli;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.http.TokenDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * A token Catalyst generated for itself ({@code start --generate-token}): shown once, and only its
 * SHA-256 digest kept, in {@code $CATALYST_HOME/token.sha256} (mode 0600, replaced atomically).
 */
final class TokenFile {
    static final String NAME = "token.sha256";
    private static final String FORMAT = "catalyst-token/1";

    private final Path file;
    private final Clock clock;

    TokenFile(Path home, Clock clock) {
        this.file = home.resolve(NAME);
        this.clock = clock;
    }

    Path path() {
        return file;
    }

    /** The stored digest, or empty when no token was generated; IllegalArgumentException for a damaged file. */
    Optional<TokenDigest> read() {
        if (!Files.exists(file)) return Optional.empty();
        try {
            var doc = Json.parse(Files.readString(file));
            if (!FORMAT.equals(doc.path("format").asString(""))) throw new IllegalArgumentException(file + " is not a Catalyst token file");
            return Optional.of(TokenDigest.decode(doc.path("sha256").asString("")));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (dev.catalyst.core.json.JsonSyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is damaged; remove it with `catalyst token rm` and generate a new one", e);
        }
    }

    /** Makes a new token (256 random bits), keeps its digest in place of any earlier one and returns it: the only time it is seen. */
    String generate() {
        String token = newToken();
        store(TokenDigest.of(token));
        return token;
    }

    static String newToken() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return "cat_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    void store(TokenDigest digest) {
        var doc = Json.object();
        doc.put("format", FORMAT);
        doc.put("sha256", digest.encoded());
        doc.put("createdAt", clock.instant().toString());
        write(Json.pretty(doc));
    }

    boolean remove() {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Path tmp = posix
                    ? Files.createTempFile(dir, ".token-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".token-", ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
