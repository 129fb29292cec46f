package dev.catalyst.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSecretStoreTest {
    private static final String KEY = "sk-ant-test-0123456789abcdef";

    private final EnvSecretStore store = new EnvSecretStore(Map.of(
            "ANTHROPIC_API_KEY", "  " + KEY + "\n",
            "OPENAI_API_KEY", "   ",
            "CATALYST_SECRET_TEAM_CLAUDE", "team-value",
            "CATALYST_SECRET_EMPTY", "",
            "PATH", "/usr/bin"));

    @Test
    void providerNamesAndOtherNamesMapToVariables() {
        assertThat(EnvSecretStore.variableFor("anthropic")).isEqualTo("ANTHROPIC_API_KEY");
        assertThat(EnvSecretStore.variableFor("voyage")).isEqualTo("VOYAGE_API_KEY");
        assertThat(EnvSecretStore.variableFor("team-claude")).isEqualTo("CATALYST_SECRET_TEAM_CLAUDE");
        assertThat(EnvSecretStore.variableFor("a.b c")).isEqualTo("CATALYST_SECRET_A_B_C");
    }

    @Test
    void valuesAreTrimmedAndBlankMeansUndefined() {
        assertThat(store.get("anthropic")).get().extracting(Secret::reveal).isEqualTo(KEY);
        assertThat(store.has("anthropic")).isTrue();
        assertThat(store.has("openai")).isFalse();
        assertThat(store.has("groq")).isFalse();
        assertThat(store.get("team-claude")).get().extracting(Secret::reveal).isEqualTo("team-value");
        assertThat(store.has("empty")).isFalse();
    }

    @Test
    void listingNamesWhereEachSecretLivesAndNeverItsValue() {
        assertThat(store.list()).containsExactly(
                new SecretStore.SecretInfo("anthropic", "env:ANTHROPIC_API_KEY"),
                new SecretStore.SecretInfo("team_claude", "env:CATALYST_SECRET_TEAM_CLAUDE"));
        assertThat(store.list().toString()).doesNotContain(KEY).doesNotContain("team-value");
    }

    @Test
    void aSecretDoesNotPrintItself() {
        Secret s = store.get("anthropic").orElseThrow();
        assertThat(s.toString()).isEqualTo("Secret[****]");
        assertThat(String.valueOf(s)).doesNotContain(KEY);
        assertThat(Json.write(Map.of("credential", s))).doesNotContain(KEY);
        assertThatThrownBy(() -> new Secret("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Secret(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProcessEnvironmentStoreReadsWithoutFailing() {
        var real = new EnvSecretStore();
        assertThat(real.list()).allSatisfy(info -> assertThat(info.source()).startsWith("env:"));
    }
}
