package dev.catalyst.server.cli;

import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.secrets.SecretStore;
import dev.catalyst.llm.nodes.embedding.EmbeddingSetup;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.testkit.Simulator;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Real providers or simulate mode. Simulate mode starts the fake providers, points the clients at
 * them and resolves every credential through the simulator, so a real key never reaches a fake.
 * It is on when asked for, or by itself when no provider key is configured.
 */
record ProviderMode(ProviderSettings settings, SecretStore secrets, Simulator simulator, String embeddingProvider) implements AutoCloseable {

    /** Throws IllegalArgumentException for a malformed {@code --simulate-fault}, before anything starts. */
    static ProviderMode choose(Map<String, String> env, SimulateOptions options, PrintWriter err) {
        var faults = options.plannedFaults();
        boolean simulateAsked = options.asked();
        var real = new EnvSecretStore(env);
        // from the real keys: simulate mode stands in for providers, it does not make a user who has no key want one
        String embeddings = EmbeddingSetup.defaultProvider(real.get("openai").isPresent(), real.get("voyage").isPresent());
        if (!simulateAsked && !Simulator.noProviderKeys(real)) {
            return new ProviderMode(ProviderSettings.fromEnvironment(env), real, null, embeddings);
        }
        Simulator sim = Simulator.start(CliEnvironment.catalog(env), null);
        err.print(sim.banner());
        if (!simulateAsked) err.println("  (on because no provider key is set: ANTHROPIC_API_KEY, OPENAI_API_KEY, GROQ_API_KEY, VOYAGE_API_KEY)");
        for (var f : faults) {
            fake(sim, f.provider()).enqueue(f.fault());
            err.println("  next " + f.provider() + " request: " + f.fault().wireName());
        }
        err.flush();
        return new ProviderMode(ProviderSettings.of(sim.baseUrls()), sim.secrets(), sim, embeddings);
    }

    private static dev.catalyst.testkit.fake.FakeServer fake(Simulator sim, String provider) {
        return switch (provider) {
            case "anthropic" -> sim.anthropic();
            case "openai" -> sim.openai();
            case "groq" -> sim.groq();
            case "voyage" -> sim.voyage();
            default -> throw new IllegalArgumentException("no simulated provider " + provider);
        };
    }

    boolean simulated() {
        return simulator != null;
    }

    @Override
    public void close() {
        if (simulator != null) simulator.close();
    }
}
