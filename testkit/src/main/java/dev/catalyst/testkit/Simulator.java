package dev.catalyst.testkit;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.core.secrets.SecretStore;
import dev.catalyst.testkit.fake.AnthropicFake;
import dev.catalyst.testkit.fake.FakeServer;
import dev.catalyst.testkit.fake.GroqFake;
import dev.catalyst.testkit.fake.OpenAiFake;
import dev.catalyst.testkit.fake.Pacing;
import dev.catalyst.testkit.fake.VoyageFake;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Simulate mode: every fake provider on a loopback port, with realistic pacing, plus the settings
 * that point Catalyst at them. The server's {@code --simulate} starts one and uses
 * {@link #environment()} as the base URLs and {@link #secrets()} as the credentials.
 */
public final class Simulator implements AutoCloseable {
    /** The key every simulated credential has; the fakes accept any non-empty key. */
    public static final String SIMULATED_KEY = "sim-key-not-a-secret";

    private final AnthropicFake anthropic;
    private final OpenAiFake openai;
    private final GroqFake groq;
    private final VoyageFake voyage;

    private Simulator(ModelCatalog catalog, Pacing pacing) {
        anthropic = new AnthropicFake(catalog);
        openai = new OpenAiFake(catalog);
        groq = new GroqFake(catalog);
        voyage = new VoyageFake(catalog);
        for (FakeServer f : all()) f.pacing(pacing == null ? Pacing.typical(f.provider()) : pacing);
    }

    /** All fakes, each paced like its provider's hosted models. */
    public static Simulator start() {
        return start(ModelCatalog.builtIn(), null);
    }

    /** All fakes with one pacing (null = each provider's typical speed). */
    public static Simulator start(ModelCatalog catalog, Pacing pacing) {
        return new Simulator(catalog, pacing);
    }

    public List<FakeServer> all() {
        return List.of(anthropic, openai, groq, voyage);
    }

    public AnthropicFake anthropic() {
        return anthropic;
    }

    public OpenAiFake openai() {
        return openai;
    }

    public GroqFake groq() {
        return groq;
    }

    public VoyageFake voyage() {
        return voyage;
    }

    /** Provider name → base URL (in each SDK's meaning). */
    public Map<String, URI> baseUrls() {
        var out = new LinkedHashMap<String, URI>();
        for (FakeServer f : all()) out.put(f.provider(), f.baseUrl());
        return out;
    }

    /** {@code CATALYST_<PROVIDER>_BASE_URL} → base URL, to lay over the process environment. */
    public Map<String, String> environment() {
        var out = new LinkedHashMap<String, String>();
        baseUrls().forEach((p, u) -> out.put("CATALYST_" + p.toUpperCase(Locale.ROOT) + "_BASE_URL", u.toString()));
        return out;
    }

    /** Credentials for simulate mode: any name resolves to {@link #SIMULATED_KEY}. */
    public SecretStore secrets() {
        return new SecretStore() {
            @Override
            public Optional<Secret> get(String name) {
                return Optional.of(new Secret(SIMULATED_KEY));
            }

            @Override
            public List<SecretInfo> list() {
                return List.of(new SecretInfo("anthropic", "simulated"), new SecretInfo("openai", "simulated"),
                        new SecretInfo("groq", "simulated"), new SecretInfo("voyage", "simulated"));
            }
        };
    }

    /** True when no provider key is configured: the server then turns simulate mode on by itself. */
    public static boolean noProviderKeys(SecretStore secrets) {
        return List.of("anthropic", "openai", "groq", "voyage").stream().noneMatch(secrets::has);
    }

    /** The banner to print when simulate mode is on. */
    public String banner() {
        var sb = new StringBuilder("SIMULATE MODE: no real provider is called; answers come from local fakes\n");
        baseUrls().forEach((p, u) -> sb.append(String.format("  %-9s %s%n", p, u)));
        return sb.toString();
    }

    @Override
    public void close() {
        for (FakeServer f : all()) f.close();
    }
}
