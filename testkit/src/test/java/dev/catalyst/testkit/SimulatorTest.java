package dev.catalyst.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.testkit.fake.Pacing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    @Test
    void startsEveryFakeOnLoopbackAndDescribesThem() throws Exception {
        try (var sim = Simulator.start(ModelCatalog.builtIn(), Pacing.instant())) {
            assertThat(sim.baseUrls()).containsOnlyKeys("anthropic", "openai", "groq", "voyage");
            assertThat(sim.baseUrls().get("anthropic").getPath()).isEmpty();
            assertThat(sim.baseUrls().get("openai").getPath()).isEqualTo("/v1");
            assertThat(sim.baseUrls().get("groq").getPath()).isEqualTo("/openai/v1");
            assertThat(sim.baseUrls().get("voyage").getPath()).isEqualTo("/v1");
            assertThat(sim.baseUrls().values()).allMatch(u -> u.getHost().equals("127.0.0.1"));
            assertThat(sim.environment()).containsKeys("CATALYST_ANTHROPIC_BASE_URL", "CATALYST_GROQ_BASE_URL");
            assertThat(sim.secrets().get("anything").orElseThrow().reveal()).isEqualTo(Simulator.SIMULATED_KEY);
            assertThat(sim.secrets().list()).hasSize(4);
            assertThat(sim.banner()).contains("SIMULATE MODE").contains(sim.groq().baseUrl().toString());
            assertThat(sim.anthropic().provider()).isEqualTo("anthropic");
            assertThat(sim.openai().provider()).isEqualTo("openai");
            assertThat(sim.voyage().provider()).isEqualTo("voyage");
            var res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.groq().baseUrl() + "/chat/completions"))
                    .header("authorization", "Bearer " + Simulator.SIMULATED_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"openai/gpt-oss-120b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
        }
        try (var real = Simulator.start()) {
            assertThat(real.anthropic().pacing()).isEqualTo(Pacing.typical("anthropic"));
            assertThat(real.groq().pacing().tokensPerSecond()).isGreaterThan(real.openai().pacing().tokensPerSecond());
            assertThat(real.voyage().pacing()).isEqualTo(Pacing.realistic());
        }
        assertThat(Simulator.noProviderKeys(new dev.catalyst.core.secrets.EnvSecretStore(java.util.Map.of()))).isTrue();
        assertThat(Simulator.noProviderKeys(new dev.catalyst.core.secrets.EnvSecretStore(java.util.Map.of("GROQ_API_KEY", "gsk_x")))).isFalse();
    }

    @Test
    void providerCorpusIsInsideTheProjectAndAMissingFileFails() {
        assertThat(ProviderCorpus.read("README.md")).contains("fixtures");
        assertThat(ProviderCorpus.read("anthropic/NOTES.md")).contains("Anthropic");
        assertThatThrownBy(() -> ProviderCorpus.read("no/such/file")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no/such/file");
    }
}
