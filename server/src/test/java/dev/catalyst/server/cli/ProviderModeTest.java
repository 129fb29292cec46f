package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.engine.RunStatus;
import dev.catalyst.testkit.Simulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ProviderModeTest {
    static final String KEY = "sk-ant-api03-" + "PLANTEDKEY-simulate-must-not-see-this";

    @Test
    void simulateModeSendsThePlaceholderNeverTheRealKey() throws Exception {
        var err = new StringWriter();
        try (var mode = ProviderMode.choose(Map.of("ANTHROPIC_API_KEY", KEY), simulate(), new PrintWriter(err, true))) {
            assertThat(mode.simulated()).isTrue();
            assertThat(err.toString()).contains("SIMULATE MODE").doesNotContain(KEY);
            var engine = Wiring.standard(new dev.catalyst.testkit.ManualClock()).engine(CliEnvironment.catalog(Map.of()), mode);
            var workflow = WorkflowFiles.read(SimulateModeTest.EXAMPLES.resolve("hello.json")).workflow();
            var plan = engine.compile(workflow);
            var inputs = dev.catalyst.engine.RunInputs.fromStrings(workflow, Map.of());
            var result = engine.start(plan, "r1", inputs, e -> { }).result().get(30, TimeUnit.SECONDS);
            assertThat(result.status()).as("%s", result.error()).isEqualTo(RunStatus.COMPLETED);
            var sent = mode.simulator().anthropic().lastRequest();
            assertThat(sent.header("x-api-key")).isEqualTo(Simulator.SIMULATED_KEY);
            assertThat(sent.headers().toString() + sent.body()).doesNotContain("PLANTEDKEY");
        }
    }

    @Test
    void realProvidersUseTheEnvironmentsKeysAndBaseUrls() {
        var err = new StringWriter();
        var env = Map.of("ANTHROPIC_API_KEY", KEY, "CATALYST_ANTHROPIC_BASE_URL", "http://127.0.0.1:9/");
        try (var mode = ProviderMode.choose(env, new SimulateOptions(), new PrintWriter(err, true))) {
            assertThat(mode.simulated()).isFalse();
            assertThat(err.toString()).isEmpty();
            assertThat(mode.secrets().get("anthropic").orElseThrow().reveal()).isEqualTo(KEY);
            assertThat(mode.settings().baseUrl("anthropic")).hasToString("http://127.0.0.1:9");
        }
    }

    private static SimulateOptions simulate() {
        var o = new SimulateOptions();
        o.simulate = true;
        return o;
    }
}
