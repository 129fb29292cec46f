package dev.catalyst.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.catalyst.core.secrets.Secret;
import dev.catalyst.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keychain path against a real Secret Service: scripts/test.sh runs the build under
 * {@code dbus-run-session} with GNOME Keyring unlocked and sets CATALYST_REQUIRE_KEYCHAIN=1, so
 * there a missing keychain fails instead of skipping. Each test uses its own service name.
 */
class KeychainSecretStoreTest {
    final ManualClock clock = new ManualClock();
    final String service = "catalyst-test-" + UUID.randomUUID();
    Map<String, String> env;
    @TempDir
    Path lockDir;

    @BeforeEach
    void needsASecretService() {
        String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        boolean required = "1".equals(System.getenv("CATALYST_REQUIRE_KEYCHAIN"));
        if (!required) assumeThat(bus).as("a D-Bus session (scripts/test.sh starts one)").isNotBlank();
        env = new HashMap<>(Map.of("CATALYST_KEYCHAIN_SERVICE", service));
        if (bus != null) env.put("DBUS_SESSION_BUS_ADDRESS", bus);
    }

    @Test
    void putGetListAndRemoveGoThroughTheSecretService() {
        var store = KeychainSecretStore.open(service, lockDir.resolve("keychain.lock"), clock).orElseThrow(() -> new AssertionError("no Secret Service on this D-Bus session"));
        try (store) {
            assertThat(store.get("anthropic")).isEmpty();
            assertThat(store.list()).isEmpty();
            store.put("anthropic", new Secret("sk-ant-api03-keychain-" + UUID.randomUUID()));
            clock.advance(Duration.ofMinutes(1));
            store.put("team-openai", new Secret("sk-proj-keychain"));
            assertThat(store.get("anthropic")).get().extracting(Secret::reveal).asString().startsWith("sk-ant-api03-keychain-");
            assertThat(store.list()).extracting(i -> i.name() + "@" + i.source() + "@" + i.updatedAt())
                    .containsExactly("anthropic@keychain@" + clock.instant().minus(Duration.ofMinutes(1)), "team-openai@keychain@" + clock.instant());
            store.put("anthropic", new Secret("replaced"));
            assertThat(store.get("anthropic").orElseThrow().reveal()).isEqualTo("replaced");
            assertThat(store.remove("anthropic")).isTrue();
            assertThat(store.remove("anthropic")).isFalse();
            assertThat(store.get("anthropic")).isEmpty();
            assertThat(store.list()).extracting(i -> i.name()).containsExactly("team-openai");
            store.remove("team-openai");
        }
    }

    @Test
    void twoWritersWithTheirOwnStoresLoseNoNameFromTheIndex() throws Exception {
        // the index is one keychain entry, read, changed and written back: the lock file orders the writers
        Path lock = lockDir.resolve("keychain.lock");
        var first = KeychainSecretStore.open(service, lock, clock).orElseThrow(() -> new AssertionError("no Secret Service on this D-Bus session"));
        var second = KeychainSecretStore.open(service, lock, clock).orElseThrow();
        int each = 8;
        var start = new java.util.concurrent.CountDownLatch(1);
        try (first; second; var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> writeMany(first, "a", each, start));
            var b = pool.submit(() -> writeMany(second, "b", each, start));
            start.countDown();
            a.get();
            b.get();
            assertThat(first.list()).extracting(i -> i.name()).hasSize(2 * each);
            for (int i = 0; i < each; i++) {
                assertThat(second.get("a-" + i).orElseThrow().reveal()).isEqualTo("value-a-" + i);
                first.remove("a-" + i);
                first.remove("b-" + i);
            }
            assertThat(second.list()).isEmpty();
        }
    }

    private static Void writeMany(KeychainSecretStore store, String prefix, int n, java.util.concurrent.CountDownLatch start) throws InterruptedException {
        start.await();
        for (int i = 0; i < n; i++) store.put(prefix + "-" + i, new Secret("value-" + prefix + "-" + i));
        return null;
    }

    @Test
    void theKeychainComesAfterTheEnvironmentAndTakesNewKeys(@TempDir Path home) {
        env.put("ANTHROPIC_API_KEY", "from-env");
        try (var stores = SecretStores.fromEnvironment(env, home, clock)) {
            assertThat(stores.writable()).get().extracting(w -> w.describe()).isEqualTo("keychain");
            var keychain = stores.writable().orElseThrow();
            keychain.put("anthropic", new Secret("from-keychain"));
            keychain.put("groq", new Secret("groq-from-keychain"));
            assertThat(stores.store().get("anthropic").orElseThrow().reveal()).isEqualTo("from-env");
            assertThat(stores.store().get("groq").orElseThrow().reveal()).isEqualTo("groq-from-keychain");
            assertThat(stores.store().list()).extracting(i -> i.name() + "@" + i.source())
                    .containsExactly("anthropic@env:ANTHROPIC_API_KEY", "groq@keychain");
            keychain.remove("anthropic");
            keychain.remove("groq");
        }
    }

    @Test
    void theFileCanBeChosenWithItsMasterKeyKeptInTheKeychain(@TempDir Path home) throws Exception {
        env.put("CATALYST_SECRETS_STORE", "file");
        try (var stores = SecretStores.fromEnvironment(env, home, clock)) {
            stores.writable().orElseThrow().put("openai", new Secret("sk-file-with-keychain-master"));
        }
        assertThat(Files.readString(home.resolve(SecretStores.FILE_NAME))).doesNotContain("sk-file-with-keychain-master");
        try (var stores = SecretStores.fromEnvironment(env, home, clock)) {
            assertThat(stores.store().get("openai").orElseThrow().reveal()).isEqualTo("sk-file-with-keychain-master");
            assertThat(stores.store().list()).extracting(i -> i.source()).containsExactly("file:" + home.resolve(SecretStores.FILE_NAME));
        }
    }
}
