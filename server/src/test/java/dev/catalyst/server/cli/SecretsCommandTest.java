package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.testkit.fake.AnthropicFake;
import dev.catalyst.testkit.fake.Pacing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code catalyst secrets set|list|rm|test} on the encrypted file (the keychain path is
 * KeychainSecretStoreTest's), and the "done when": a key set once, then a run with no
 * provider variable in the environment, against a fake provider that records the key it got.
 */
@Timeout(120)
class SecretsCommandTest {
    final String key = "sk-ant-api03-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    @TempDir
    Path home;
    AnthropicFake fake;
    Map<String, String> env;

    @BeforeEach
    void world() {
        fake = new AnthropicFake();
        fake.pacing(Pacing.instant());
        env = new HashMap<>(Map.of("CATALYST_HOME", home.toString(), "CATALYST_MASTER_KEY", "a master key for the test file",
                "CATALYST_ANTHROPIC_BASE_URL", fake.baseUrl().toString()));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    CliTestSupport.Result cli(String... args) {
        return CliTestSupport.run(CliTestSupport.worldTyping(env, "  " + key + "  "), args);
    }

    @Test
    void setThenRunUsesTheStoredKeyWithNoProviderVariable() throws Exception {
        var set = cli("secrets", "set", "anthropic");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("stored 'anthropic' in file:" + home.resolve("secrets.enc"));
        var list = cli("secrets", "list");
        assertThat(list.out()).contains("anthropic").contains("file:").doesNotContain(key);
        var json = Json.parse(cli("secrets", "list", "--json").out());
        assertThat(json.get(0).get("name").asString()).isEqualTo("anthropic");
        assertThat(json.get(0).get("updatedAt").isNull()).isFalse();

        var run = cli("run", SimulateModeTest.EXAMPLES.resolve("hello.json").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("SIMULATE MODE");
        assertThat(fake.requests()).isNotEmpty();
        assertThat(fake.lastRequest().header("x-api-key")).as("the provider got the stored key, stripped").isEqualTo(key);

        String everything = set.out() + set.err() + list.out() + list.err() + run.out() + run.err();
        assertThat(everything).doesNotContain(key);
        assertThat(new String(Files.readAllBytes(home.resolve("secrets.enc")), StandardCharsets.ISO_8859_1)).doesNotContain(key);
    }

    @Test
    void testSaysOkAuthOrPermissionWithoutTheKeyEvenWhenTheProviderEchoesIt() {
        cli("secrets", "set", "anthropic");
        var ok = cli("secrets", "test", "anthropic");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("anthropic: ok (anthropic, ");
        var sent = fake.lastRequest();
        assertThat(sent.header("x-api-key")).isEqualTo(key);
        assertThat(Json.parse(sent.body()).get("max_tokens").asInt()).as("one token: a cheap call").isEqualTo(1);

        // the provider refuses the key and quotes it back in its error body
        fake.enqueueJson(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key: " + key + "\"}}");
        var auth = cli("secrets", "test", "anthropic");
        assertThat(auth.exit()).isEqualTo(Main.EXIT_INVALID);
        assertThat(auth.out()).startsWith("anthropic: auth (anthropic, ").doesNotContain(key).doesNotContain(key.substring(13, 30));

        fake.enqueueJson(403, "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"Your API key does not have permission to use the specified resource.\"}}");
        var permission = cli("secrets", "test", "anthropic");
        assertThat(permission.out()).startsWith("anthropic: permission (");
        assertThat(fake.requests()).hasSize(3); // no retries
    }

    @Test
    void aVoyageKeyIsTestedWithOneTinyEmbedding() {
        try (var voyage = new dev.catalyst.testkit.fake.VoyageFake()) {
            voyage.pacing(Pacing.instant());
            env.put("CATALYST_VOYAGE_BASE_URL", voyage.baseUrl().toString());
            cli("secrets", "set", "voyage");
            var ok = cli("secrets", "test", "voyage");
            assertThat(ok.exit()).as(ok.err()).isZero();
            assertThat(ok.out()).startsWith("voyage: ok (voyage, ");
            var sent = voyage.lastRequest();
            assertThat(sent.header("authorization")).isEqualTo("Bearer " + key);
            assertThat(Json.parse(sent.body()).get("input").toString()).isEqualTo("[\"ping\"]");

            voyage.enqueueJson(401, "{\"detail\":\"Provided API key is invalid: " + key + "\"}");
            var auth = cli("secrets", "test", "voyage");
            assertThat(auth.exit()).isEqualTo(Main.EXIT_INVALID);
            assertThat(auth.out()).startsWith("voyage: auth (voyage, ").doesNotContain(key);
            assertThat(voyage.requests()).hasSize(2); // no retries
        }
    }

    @Test
    void rmAndTheMessagesForWhatCannotBeDone() {
        cli("secrets", "set", "team-claude");
        var rm = cli("secrets", "rm", "team-claude");
        assertThat(rm.exit()).isZero();
        assertThat(rm.out()).contains("removed 'team-claude'");
        var again = cli("secrets", "rm", "team-claude");
        assertThat(again.exit()).isEqualTo(Main.EXIT_INVALID);
        assertThat(again.err()).contains("not stored");
        assertThat(cli("secrets", "test", "team-claude").err()).contains("is not defined").contains("catalyst secrets set team-claude");

        // a key given where the name belongs: refused, and not repeated
        var pasted = cli("secrets", "set", key);
        assertThat(pasted.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(pasted.err()).contains("looks like a key").doesNotContain(key);

        // the environment is read-only: it shadows and is named
        env.put("ANTHROPIC_API_KEY", "from-env-value");
        var shadowed = cli("secrets", "set", "anthropic");
        assertThat(shadowed.out()).contains("note: ANTHROPIC_API_KEY is set");
        var envRm = cli("secrets", "rm", "groq");
        assertThat(envRm.err()).contains("not stored");
        env.put("GROQ_API_KEY", "gsk_from_env");
        assertThat(cli("secrets", "rm", "groq").err()).contains("comes from env:GROQ_API_KEY");

        // an empty value stores nothing
        var empty = CliTestSupport.run(CliTestSupport.worldTyping(env, ""), "secrets", "set", "openai");
        assertThat(empty.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(empty.err()).contains("no value given");

        // nowhere to write: no keychain, no master key
        env.remove("CATALYST_MASTER_KEY");
        var nowhere = cli("secrets", "set", "openai");
        assertThat(nowhere.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(nowhere.err()).contains("cannot store secrets").contains("CATALYST_MASTER_KEY");
        assertThat(cli("secrets", "list").out()).contains("anthropic").contains("env:ANTHROPIC_API_KEY");
        assertThat(cli("secrets").out()).contains("set").contains("list").contains("rm").contains("test");
    }
}
