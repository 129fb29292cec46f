package dev.catalyst.server.secrets;

import dev.catalyst.core.secrets.ChainedSecretStore;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.secrets.SecretStore;
import dev.catalyst.core.secrets.WritableSecretStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The secret stores of one process, in lookup order: environment variables (read-only), the OS
 * keychain, the encrypted file {@code $CATALYST_HOME/secrets.enc}. New keys go to the keychain when
 * there is one, else to the file when CATALYST_MASTER_KEY is set; CATALYST_SECRETS_STORE
 * ({@code keychain} or {@code file}) picks one on purpose. On the file, the master key is
 * CATALYST_MASTER_KEY, or, when the file was chosen on a machine with a keychain, a random key
 * that Catalyst keeps in the keychain.
 */
public final class SecretStores implements AutoCloseable {
    public static final String FILE_NAME = "secrets.enc";

    private final ChainedSecretStore chain;
    private final KeychainSecretStore keychain;

    private SecretStores(ChainedSecretStore chain, KeychainSecretStore keychain) {
        this.chain = chain;
        this.keychain = keychain;
    }

    /**
     * Throws IllegalArgumentException for a CATALYST_SECRETS_STORE that cannot be honoured (a store
     * asked for by name that this machine does not have).
     */
    public static SecretStores fromEnvironment(Map<String, String> env, Path home, Clock clock) {
        String choice = env.getOrDefault("CATALYST_SECRETS_STORE", "auto").strip().toLowerCase(Locale.ROOT);
        if (!choice.equals("auto") && !choice.equals("keychain") && !choice.equals("file")) {
            throw new IllegalArgumentException("CATALYST_SECRETS_STORE is auto, keychain or file, not '" + env.get("CATALYST_SECRETS_STORE") + "'");
        }
        String service = env.getOrDefault("CATALYST_KEYCHAIN_SERVICE", "catalyst");
        KeychainSecretStore keychain = keychainWanted(env)
                ? KeychainSecretStore.open(service, home.resolve(service + "-keychain.lock"), clock).orElse(null) : null;
        if (choice.equals("keychain") && keychain == null) {
            throw new IllegalArgumentException("CATALYST_SECRETS_STORE=keychain, but there is no OS keychain here"
                    + " (on Linux: a D-Bus session with a Secret Service such as GNOME Keyring, unlocked)");
        }
        Path file = home.resolve(FILE_NAME);
        String master = env.get("CATALYST_MASTER_KEY");
        if ((master == null || master.isBlank()) && choice.equals("file") && keychain != null) master = keychain.masterKey();
        EncryptedFileSecretStore encrypted = master == null || master.isBlank() ? null : new EncryptedFileSecretStore(file, master, clock);
        if (choice.equals("file") && encrypted == null) {
            throw new IllegalArgumentException("CATALYST_SECRETS_STORE=file needs CATALYST_MASTER_KEY (at least 16 characters) or an OS keychain to hold one");
        }

        var order = new ArrayList<SecretStore>();
        order.add(new EnvSecretStore(env));
        if (keychain != null && !choice.equals("file")) order.add(keychain);
        if (encrypted != null) order.add(encrypted);
        WritableSecretStore writable = switch (choice) {
            case "file" -> encrypted;
            default -> keychain != null ? keychain : encrypted;
        };
        String why = writable != null ? null
                : "there is no OS keychain here (on Linux: a D-Bus session with a Secret Service such as GNOME Keyring)"
                + " and CATALYST_MASTER_KEY is not set for the encrypted file " + file
                + "; set one of them, or give keys as environment variables (ANTHROPIC_API_KEY, CATALYST_SECRET_<NAME>)";
        return new SecretStores(new ChainedSecretStore(order, writable, why), keychain);
    }

    /**
     * Whether to ask for the keychain: on Linux only when this environment has a D-Bus session
     * (a headless server has none, and the attempt would only fail); elsewhere always.
     */
    static boolean keychainWanted(Map<String, String> env) {
        if ("0".equals(env.get("CATALYST_KEYCHAIN"))) return false;
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("win")) return true;
        String bus = env.get("DBUS_SESSION_BUS_ADDRESS");
        return bus != null && !bus.isBlank();
    }

    public ChainedSecretStore store() {
        return chain;
    }

    public Optional<WritableSecretStore> writable() {
        return chain.writable();
    }

    @Override
    public void close() {
        if (keychain != null) keychain.close();
    }
}
