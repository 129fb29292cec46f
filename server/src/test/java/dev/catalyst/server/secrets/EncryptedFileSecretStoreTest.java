package dev.catalyst.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class EncryptedFileSecretStoreTest {
    static final String MASTER = "correct horse battery staple 42";
    final ManualClock clock = new ManualClock();

    @TempDir
    Path home;

    Path file() {
        return home.resolve(SecretStores.FILE_NAME);
    }

    @Test
    void valuesAreSealedInAnOwnerOnlyFileAndReadBack() throws Exception {
        var store = new EncryptedFileSecretStore(file(), MASTER, clock);
        assertThat(store.get("anthropic")).isEmpty();
        assertThat(store.list()).isEmpty();
        store.put("anthropic", new Secret("sk-ant-api03-FILEPLANTED-abc"));
        store.put("openai", new Secret("sk-proj-FILEPLANTED-def"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        String bytes = Files.readString(file());
        assertThat(bytes).doesNotContain("FILEPLANTED").doesNotContain(MASTER).contains("anthropic").contains("PBKDF2WithHmacSHA256");
        try (var dir = Files.list(home)) {
            assertThat(dir.map(p -> p.getFileName().toString())).as("no temporary file is left")
                    .containsExactlyInAnyOrder(SecretStores.FILE_NAME, SecretStores.FILE_NAME + ".lock");
        }
        // a second store (another process) with the same key reads them
        var again = new EncryptedFileSecretStore(file(), MASTER, clock);
        assertThat(again.get("anthropic").orElseThrow().reveal()).isEqualTo("sk-ant-api03-FILEPLANTED-abc");
        assertThat(again.list()).extracting(i -> i.name() + "@" + i.updatedAt()).containsExactly("anthropic@" + clock.instant(), "openai@" + clock.instant());
        assertThat(again.list().getFirst().source()).isEqualTo("file:" + file());
        assertThat(again.remove("anthropic")).isTrue();
        assertThat(again.remove("anthropic")).isFalse();
        assertThat(store.get("anthropic")).isEmpty();
        assertThat(store.get("Not A Name")).isEmpty();
    }

    @Test
    void anotherMasterKeyCannotReadOrChangeTheFile() {
        new EncryptedFileSecretStore(file(), MASTER, clock).put("anthropic", new Secret("v"));
        var wrong = new EncryptedFileSecretStore(file(), "another master key, long enough", clock);
        assertThatThrownBy(() -> wrong.get("anthropic")).isInstanceOf(SecretStoreException.class).hasMessageContaining("master key does not open");
        assertThatThrownBy(() -> wrong.put("openai", new Secret("x"))).hasMessageContaining("master key does not open");
        assertThatThrownBy(() -> wrong.remove("anthropic")).hasMessageContaining("master key does not open");
        assertThatThrownBy(() -> new EncryptedFileSecretStore(file(), "short", clock)).hasMessageContaining("at least 16");
    }

    @Test
    void entriesCannotBeSwappedAndDamageIsNamed() throws Exception {
        var store = new EncryptedFileSecretStore(file(), MASTER, clock);
        store.put("cheap", new Secret("cheap-key"));
        store.put("costly", new Secret("costly-key"));
        var doc = (ObjectNode) Json.parse(Files.readString(file()));
        var entries = (ObjectNode) doc.get("entries");
        var cheap = entries.get("cheap");
        entries.set("cheap", entries.get("costly"));
        entries.set("costly", cheap);
        Files.writeString(file(), Json.write(doc));
        assertThatThrownBy(() -> store.get("cheap")).isInstanceOf(SecretStoreException.class);
        Files.writeString(file(), "{not json");
        assertThatThrownBy(() -> store.get("cheap")).hasMessageContaining("damaged");
        Files.writeString(file(), "{\"format\": \"something-else\"}");
        assertThatThrownBy(() -> store.list()).hasMessageContaining("not a Catalyst secrets file");
    }

    @Test
    void aFileOthersCanReadIsRefused() throws Exception {
        new EncryptedFileSecretStore(file(), MASTER, clock).put("anthropic", new Secret("v"));
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new EncryptedFileSecretStore(file(), MASTER, clock).get("anthropic"))
                .hasMessageContaining("can be read by other users").hasMessageContaining("chmod 600");
    }

    @Test
    void twoWritersWithTheirOwnStoresLoseNoEntry() throws Exception {
        // separate instances share nothing in memory: only the lock file beside secrets.enc orders them
        var first = new EncryptedFileSecretStore(file(), MASTER, clock);
        first.put("seed", new Secret("s"));
        var second = new EncryptedFileSecretStore(file(), MASTER, clock);
        int each = 12;
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> writeMany(first, "a", each, start));
            var b = pool.submit(() -> writeMany(second, "b", each, start));
            start.countDown();
            a.get();
            b.get();
        }
        var reader = new EncryptedFileSecretStore(file(), MASTER, clock);
        assertThat(reader.list()).hasSize(2 * each + 1);
        for (int i = 0; i < each; i++) {
            assertThat(reader.get("a-" + i).orElseThrow().reveal()).isEqualTo("value-a-" + i);
            assertThat(reader.get("b-" + i).orElseThrow().reveal()).isEqualTo("value-b-" + i);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(SecretStores.FILE_NAME + ".lock")))).isEqualTo("rw-------");
    }

    private static Void writeMany(EncryptedFileSecretStore store, String prefix, int n, java.util.concurrent.CountDownLatch start) throws InterruptedException {
        start.await();
        for (int i = 0; i < n; i++) {
            store.put(prefix + "-" + i, new Secret("value-" + prefix + "-" + i));
            if (i % 3 == 2) store.remove(prefix + "-" + i);
            if (i % 3 == 2) store.put(prefix + "-" + i, new Secret("value-" + prefix + "-" + i));
        }
        return null;
    }

    @Test
    void resolutionOrderIsEnvironmentThenFile() {
        Map<String, String> env = Map.of("CATALYST_MASTER_KEY", MASTER, "OPENAI_API_KEY", "from-env");
        try (var stores = SecretStores.fromEnvironment(env, home, clock)) {
            var file = stores.writable().orElseThrow();
            assertThat(file.describe()).isEqualTo("file:" + file());
            file.put("openai", new Secret("from-file"));
            file.put("groq", new Secret("groq-from-file"));
            assertThat(stores.store().get("openai").orElseThrow().reveal()).isEqualTo("from-env");
            assertThat(stores.store().get("groq").orElseThrow().reveal()).isEqualTo("groq-from-file");
            assertThat(stores.store().list()).extracting(i -> i.name() + "@" + i.source())
                    .containsExactly("groq@file:" + file(), "openai@env:OPENAI_API_KEY");
            assertThat(stores.store().info("openai").orElseThrow().source()).isEqualTo("env:OPENAI_API_KEY");
        }
        // without the master key the file is not read, and nothing can be written
        try (var stores = SecretStores.fromEnvironment(Map.of(), home, clock)) {
            assertThat(stores.store().get("groq")).isEmpty();
            assertThat(stores.writable()).isEmpty();
            assertThat(stores.store().noWritableReason()).contains("CATALYST_MASTER_KEY").contains("keychain");
        }
        assertThatThrownBy(() -> SecretStores.fromEnvironment(Map.of("CATALYST_SECRETS_STORE", "file"), home, clock))
                .hasMessageContaining("CATALYST_MASTER_KEY");
        assertThatThrownBy(() -> SecretStores.fromEnvironment(Map.of("CATALYST_SECRETS_STORE", "keychain"), home, clock))
                .hasMessageContaining("no OS keychain");
        assertThatThrownBy(() -> SecretStores.fromEnvironment(Map.of("CATALYST_SECRETS_STORE", "vault"), home, clock))
                .hasMessageContaining("auto, keychain or file");
        assertThat(SecretStores.keychainWanted(Map.of())).isFalse();
        assertThat(SecretStores.keychainWanted(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/x", "CATALYST_KEYCHAIN", "0"))).isFalse();
    }
}
