package dev.catalyst.server.cli;

import dev.catalyst.core.secrets.SecretStore;
import dev.catalyst.llm.nodes.embedding.EmbeddingSetup;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.server.secrets.SecretStores;
import dev.catalyst.testkit.Simulator;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Real providers or simulate mode. Simulate mode starts the fake providers, points the clients at
 * them and resolves every credential through the simulator, so a real key never reaches a fake.
 * It is on when asked for, or by itself when no provider key is configured in any store.
 *
 * @param stores the user's own secret stores (environment, keychain, file), managed by
 *               {@code catalyst secrets} and {@code /api/secrets} in either mode
 */
record ProviderMode(ProviderSettings settings, SecretStore secrets, Simulator simulator, String embeddingProvider, SecretStores stores)
        implements AutoCloseable {

    /**
     * Throws IllegalArgumentException for a malformed {@code --simulate-fault} or a secret store
     * that cannot be set up as configured, before anything starts.
     */
    static ProviderMode choose(Map<String, String> env, SimulateOptions options, PrintWriter err) {
        var faults = options.plannedFaults();
        boolean simulateAsked = options.asked();
        var stores = SecretStores.fromEnvironment(env, CliEnvironment.home(env), java.time.Clock.systemUTC());
        var real = stores.store();
        // from the real keys: simulate mode stands in for providers, it does not make a user who has no key want one
        String embeddings = EmbeddingSetup.defaultProvider(real.has("openai"), real.has("voyage"));
        if (!simulateAsked && !Simulator.noProviderKeys(real)) {
            return new ProviderMode(ProviderSettings.fromEnvironment(env), real, null, embeddings, stores);
        }
        Simulator sim = Simulator.start(CliEnvironment.catalog(env), null);
        err.print(sim.banner());
        if (!simulateAsked) err.println("  (on because no provider key is set: `catalyst secrets set anthropic`, or ANTHROPIC_API_KEY, OPENAI_API_KEY, GROQ_API_KEY, VOYAGE_API_KEY)");
        for (var f : faults) {
            fake(sim, f.provider()).enqueue(f.fault());
            err.println("  next " + f.provider() + " request: " + f.fault().wireName());
        }
        err.flush();
        return new ProviderMode(ProviderSettings.of(sim.baseUrls()), sim.secrets(), sim, embeddings, stores);
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
        settings.close(); // the shared provider client's connections and threads
        if (simulator != null) simulator.close();
        stores.close();
    }
}
