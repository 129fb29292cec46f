package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.catalyst.testkit.fake.AnthropicFake;
import dev.catalyst.testkit.fake.Pacing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when" on the keychain: {@code catalyst secrets set anthropic}, then
 * {@code catalyst run examples/hello.json} with no key in the environment and no master key.
 * Runs against the real Secret Service that scripts/test.sh starts (see KeychainSecretStoreTest).
 */
@Timeout(120)
class KeychainRunTest {
    @Test
    void setInTheKeychainThenRunWithNoEnvironmentVariable(@TempDir Path home) {
        String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (!"1".equals(System.getenv("CATALYST_REQUIRE_KEYCHAIN"))) assumeThat(bus).as("a D-Bus session (scripts/test.sh starts one)").isNotBlank();
        String key = "sk-ant-api03-keychainrun-" + UUID.randomUUID();
        try (var fake = new AnthropicFake()) {
            fake.pacing(Pacing.instant());
            var env = new HashMap<>(Map.of("CATALYST_HOME", home.toString(), "CATALYST_KEYCHAIN_SERVICE", "catalyst-test-" + UUID.randomUUID(),
                    "CATALYST_ANTHROPIC_BASE_URL", fake.baseUrl().toString()));
            if (bus != null) env.put("DBUS_SESSION_BUS_ADDRESS", bus);
            var world = CliTestSupport.worldTyping(env, key);
            var set = CliTestSupport.run(world, "secrets", "set", "anthropic");
            assertThat(set.exit()).as(set.err()).isZero();
            assertThat(set.out()).contains("stored 'anthropic' in keychain");
            var run = CliTestSupport.run(world, "run", SimulateModeTest.EXAMPLES.resolve("hello.json").toString());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.err()).doesNotContain("SIMULATE MODE");
            assertThat(fake.lastRequest().header("x-api-key")).isEqualTo(key);
            assertThat(run.out() + run.err() + set.out()).doesNotContain(key);
            assertThat(Files.exists(home.resolve("secrets.enc"))).as("nothing written beside the database").isFalse();
            assertThat(CliTestSupport.run(world, "secrets", "rm", "anthropic").exit()).isZero();
        }
    }
}
