package dev.catalyst.server.secrets;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.core.secrets.SecretNames;
import dev.catalyst.core.secrets.WritableSecretStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;

/**
 * Secrets in the OS keychain through java-keyring: the Secret Service over D-Bus on Linux (GNOME
 * Keyring, KWallet), the macOS Keychain, the Windows Credential Manager. Each secret is one entry
 * (service {@code catalyst}, account = its name). A keychain cannot list entries, so one more entry
 * holds the index: names and when each was set, never values.
 */
public final class KeychainSecretStore implements WritableSecretStore, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KeychainSecretStore.class.getName());
    static final String INDEX = ".catalyst-index";
    static final String MASTER_KEY = ".catalyst-master-key";

    private final Keyring keyring;
    private final String service;
    private final Clock clock;
    private final FileMutex writers;

    private KeychainSecretStore(Keyring keyring, String service, Clock clock, FileMutex writers) {
        this.keyring = keyring;
        this.service = service;
        this.clock = clock;
        this.writers = writers;
    }

    /** How long the first read may take: a locked keyring asks a (possibly absent) desktop prompt and would wait for ever. */
    static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(10);

    /**
     * The keychain of this session, or empty when there is none (no D-Bus session, no Secret Service, locked).
     *
     * @param lockFile held while the index of names is changed, so two processes do not lose each other's entry
     */
    public static Optional<KeychainSecretStore> open(String service, Path lockFile, Clock clock) {
        Keyring keyring;
        try {
            keyring = Keyring.create();
        } catch (BackendNotSupportedException | RuntimeException e) {
            LOG.fine("no OS keychain: " + e.getMessage());
            return Optional.empty();
        }
        var store = new KeychainSecretStore(keyring, service, clock, new FileMutex(lockFile));
        // a locked or absent Secret Service fails here rather than on first use
        var probe = new java.util.concurrent.FutureTask<>(() -> store.read(INDEX));
        Thread.ofVirtual().name("keychain-probe").start(probe);
        try {
            probe.get(PROBE_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return Optional.of(store);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warning("the OS keychain did not answer within " + PROBE_TIMEOUT.toSeconds() + " s (is it locked?); it is not used");
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.fine("the OS keychain cannot be read: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probe.cancel(true);
        store.close();
        return Optional.empty();
    }

    @Override
    public Optional<Secret> get(String name) {
        try {
            return read(SecretNames.check(name)).map(Secret::new);
        } catch (PasswordAccessException e) {
            throw new SecretStoreException("the keychain refused to read '" + name + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a name no store can hold is not defined
        }
    }

    @Override
    public List<SecretInfo> list() {
        var out = new ArrayList<SecretInfo>();
        index().forEach((name, at) -> out.add(new SecretInfo(name, "keychain", at)));
        return out;
    }

    @Override
    public void put(String name, Secret value) {
        SecretNames.check(name);
        writers.run(() -> {
            try {
                keyring.setPassword(service, name, value.reveal());
                var index = index();
                index.put(name, clock.instant());
                writeIndex(index);
            } catch (PasswordAccessException e) {
                throw new SecretStoreException("the keychain refused to store '" + name + "': " + e.getMessage());
            }
        });
    }

    @Override
    public boolean remove(String name) {
        SecretNames.check(name);
        return writers.hold(() -> {
            try {
                var index = index();
                boolean had = index.remove(name) != null | read(name).isPresent();
                if (had) {
                    deleteQuietly(name);
                    writeIndex(index);
                }
                return had;
            } catch (PasswordAccessException e) {
                throw new SecretStoreException("the keychain refused to remove '" + name + "': " + e.getMessage());
            }
        });
    }

    @Override
    public String describe() {
        return "keychain";
    }

    /** A random master key for the encrypted file, kept in this keychain (made on first use). */
    // under the lock: two processes making the key at once would each encrypt under their own
    String masterKey() {
        return writers.hold(() -> {
            try {
                var existing = read(MASTER_KEY);
                if (existing.isPresent()) return existing.get();
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                String encoded = java.util.Base64.getEncoder().encodeToString(key);
                keyring.setPassword(service, MASTER_KEY, encoded);
                return encoded;
            } catch (PasswordAccessException e) {
                throw new SecretStoreException("the keychain refused to hold the file's master key: " + e.getMessage());
            }
        });
    }

    private TreeMap<String, Instant> index() {
        var out = new TreeMap<String, Instant>();
        try {
            Optional<String> raw = read(INDEX);
            if (raw.isEmpty()) return out;
            JsonNode node = Json.parse(raw.get());
            for (var e : node.properties()) out.put(e.getKey(), Instant.parse(e.getValue().asString()));
        } catch (PasswordAccessException | RuntimeException e) {
            throw new SecretStoreException("the keychain's list of Catalyst secrets cannot be read: " + e.getMessage());
        }
        return out;
    }

    private void writeIndex(TreeMap<String, Instant> index) throws PasswordAccessException {
        var node = Json.object();
        index.forEach((name, at) -> node.put(name, at.toString()));
        keyring.setPassword(service, INDEX, Json.write(node));
    }

    // the library reports a missing entry as an access failure; a missing entry is an empty answer here
    private Optional<String> read(String account) throws PasswordAccessException {
        try {
            return Optional.ofNullable(keyring.getPassword(service, account));
        } catch (PasswordAccessException e) {
            if (missing(e)) return Optional.empty();
            throw e;
        }
    }

    private void deleteQuietly(String account) throws PasswordAccessException {
        try {
            keyring.deletePassword(service, account);
        } catch (PasswordAccessException e) {
            if (!missing(e)) throw e;
        }
    }

    private static boolean missing(PasswordAccessException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        // Secret Service: "No stored credentials match <service> account: <name>"
        return m.contains("no stored credentials") || m.contains("not found") || m.contains("no such") || m.contains("unable to find") || m.contains("could not find")
                || m.contains("does not exist") || m.contains("not exist");
    }

    @Override
    public void close() {
        try {
            keyring.close();
        } catch (Exception e) {
            LOG.fine("closing the keychain: " + e.getMessage());
        }
    }
}
