package dev.catalyst.server.secrets;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.core.secrets.SecretNames;
import dev.catalyst.core.secrets.WritableSecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secrets in one file for machines without a keychain: each value sealed with AES-256-GCM under a
 * key derived (PBKDF2-HMAC-SHA256, a random salt per file) from the master key, its name bound in
 * as associated data so entries cannot be swapped. Names and times are readable without the key.
 * The file is mode 0600 and replaced atomically on every change; one with wider permissions is
 * refused. Values are decrypted one at a time, when asked for, and not kept.
 */
public final class EncryptedFileSecretStore implements WritableSecretStore {
    static final String FORMAT = "catalyst-secrets/1";
    static final int ITERATIONS = 310_000;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String CHECK = "catalyst master key check";

    private final Path file;
    private final char[] masterKey;
    private final Clock clock;
    private final FileMutex writers;
    private final SecureRandom random = new SecureRandom();
    private SecretKey derived;
    private String derivedFor;

    /** @param masterKey CATALYST_MASTER_KEY (at least 16 characters) or the random key kept in the keychain */
    public EncryptedFileSecretStore(Path file, String masterKey, Clock clock) {
        if (masterKey == null || masterKey.length() < 16) {
            throw new IllegalArgumentException("CATALYST_MASTER_KEY must be at least 16 characters (e.g. `openssl rand -base64 32`)");
        }
        this.file = file;
        this.masterKey = masterKey.toCharArray();
        this.clock = clock;
        this.writers = new FileMutex(file.resolveSibling(file.getFileName() + ".lock"));
    }

    @Override
    public Optional<Secret> get(String name) {
        if (!SecretNames.NAME.matcher(name).matches()) return Optional.empty();
        ObjectNode doc = read();
        JsonNode entry = doc.path("entries").path(name);
        if (entry.isMissingNode()) return Optional.empty();
        return Optional.of(new Secret(open(doc, name, entry)));
    }

    @Override
    public List<SecretInfo> list() {
        var out = new ArrayList<SecretInfo>();
        for (var e : read().path("entries").properties()) {
            out.add(new SecretInfo(e.getKey(), describe(), Instant.parse(e.getValue().path("updatedAt").asString())));
        }
        out.sort(java.util.Comparator.comparing(SecretInfo::name));
        return out;
    }

    /** Read, change and replace under the file's lock: another process writing at once waits rather than loses this change. */
    @Override
    public void put(String name, Secret value) {
        SecretNames.check(name);
        writers.run(() -> {
            ObjectNode doc = read();
            if (!doc.has("format")) doc = fresh();
            verify(doc);
            var entry = Json.object();
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            entry.put("nonce", Base64.getEncoder().encodeToString(nonce));
            entry.put("data", Base64.getEncoder().encodeToString(seal(doc, nonce, "secret:" + name, value.reveal())));
            entry.put("updatedAt", clock.instant().toString());
            ((ObjectNode) doc.get("entries")).set(name, entry);
            write(doc);
        });
    }

    @Override
    public boolean remove(String name) {
        SecretNames.check(name);
        return writers.hold(() -> {
            ObjectNode doc = read();
            if (!doc.path("entries").has(name)) return false;
            verify(doc); // only the key's holder may change the file
            ((ObjectNode) doc.get("entries")).remove(name);
            write(doc);
            return true;
        });
    }

    @Override
    public String describe() {
        return "file:" + file;
    }

    private ObjectNode fresh() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        var doc = Json.object();
        doc.put("format", FORMAT);
        var kdf = doc.putObject("kdf");
        kdf.put("name", "PBKDF2WithHmacSHA256");
        kdf.put("iterations", ITERATIONS);
        kdf.put("salt", Base64.getEncoder().encodeToString(salt));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        var check = doc.putObject("check");
        check.put("nonce", Base64.getEncoder().encodeToString(nonce));
        check.put("data", Base64.getEncoder().encodeToString(seal(doc, nonce, "check", CHECK)));
        doc.putObject("entries");
        return doc;
    }

    /** The file's content; an empty document when there is no file yet. */
    private ObjectNode read() {
        if (!Files.exists(file)) return Json.object();
        try {
            if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)
                    && Files.getPosixFilePermissions(file).stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new SecretStoreException(file + " can be read by other users; run `chmod 600 " + file + "` (and rotate its keys if others did)");
            }
            JsonNode doc = Json.parse(Files.readString(file));
            if (!(doc instanceof ObjectNode o) || !FORMAT.equals(doc.path("format").asString(""))) {
                throw new SecretStoreException(file + " is not a Catalyst secrets file (" + FORMAT + ")");
            }
            return o;
        } catch (AccessDeniedException e) {
            throw new SecretStoreException("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (dev.catalyst.core.json.JsonSyntaxException e) {
            throw new SecretStoreException(file + " is damaged (" + e.getMessage() + "); restore it from a backup or remove it and set the keys again");
        }
    }

    /** Writes the whole file beside itself with mode 0600, flushes it to disk, then moves it over the old one. */
    private void write(ObjectNode doc) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = posix()
                    ? Files.createTempFile(dir, ".secrets-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, ".secrets-", ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(ByteBuffer.wrap(Json.pretty(doc).getBytes(StandardCharsets.UTF_8)));
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new SecretStoreException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private void verify(ObjectNode doc) {
        JsonNode check = doc.path("check");
        if (!CHECK.equals(open(doc, "check", check))) throw wrongKey();
    }

    private String open(ObjectNode doc, String name, JsonNode entry) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(doc), new GCMParameterSpec(TAG_BITS, Base64.getDecoder().decode(entry.path("nonce").asString())));
            c.updateAAD((name.equals("check") ? "check" : "secret:" + name).getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(Base64.getDecoder().decode(entry.path("data").asString())), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw wrongKey();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretStoreException(file + " has a damaged entry for '" + name + "'; set it again");
        }
    }

    private byte[] seal(ObjectNode doc, byte[] nonce, String aad, String plain) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(doc), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    // derived once per salt: PBKDF2 is slow on purpose
    private synchronized SecretKey key(ObjectNode doc) throws GeneralSecurityException {
        String salt = doc.path("kdf").path("salt").asString();
        if (derived != null && salt.equals(derivedFor)) return derived;
        int iterations = doc.path("kdf").path("iterations").asInt(ITERATIONS);
        var spec = new PBEKeySpec(masterKey, Base64.getDecoder().decode(salt), iterations, 256);
        try {
            derived = new SecretKeySpec(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded(), "AES");
            derivedFor = salt;
            return derived;
        } finally {
            spec.clearPassword();
        }
    }

    private SecretStoreException wrongKey() {
        return new SecretStoreException("the master key does not open " + file
                + " (CATALYST_MASTER_KEY differs from the one it was written with)");
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
