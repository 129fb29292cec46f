package dev.catalyst.llm;

import dev.catalyst.core.secrets.Secret;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.llm.providers.http.RetryPolicy;
import dev.catalyst.llm.providers.http.Timeouts;
import dev.catalyst.testkit.fake.AnthropicFake;
import dev.catalyst.testkit.fake.FakeServer;
import dev.catalyst.testkit.fake.GroqFake;
import dev.catalyst.testkit.fake.OpenAiFake;
import dev.catalyst.testkit.fake.VoyageFake;
import java.time.Duration;
import java.util.Map;

/** All four fakes and settings pointing at them, with short timeouts and quick retries for tests. */
public final class Fakes implements AutoCloseable {
    /** A key planted to prove it never leaks into messages. */
    public static final Secret KEY = new Secret("sk-ant-PLANTED-KEY-123456789");

    public final AnthropicFake anthropic = new AnthropicFake();
    public final OpenAiFake openai = new OpenAiFake();
    public final GroqFake groq = new GroqFake();
    public final VoyageFake voyage = new VoyageFake();
    public final ProviderSettings settings;

    public Fakes() {
        settings = ProviderSettings.of(Map.of("anthropic", anthropic.baseUrl(), "openai", openai.baseUrl(), "groq", groq.baseUrl(),
                        "voyage", voyage.baseUrl()))
                .withTimeouts(new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(800), Duration.ofMillis(800), Duration.ofSeconds(20)))
                .withRetry(RetryPolicy.defaults().withBase(Duration.ofMillis(10)));
    }

    /**
     * The same fakes with timeouts a busy machine never reaches: for tests that expect an answer.
     * The short {@link #settings} are for tests that expect a timeout (a hang, a slow first byte).
     */
    public ProviderSettings patient() {
        return settings.withTimeouts(new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(120), Duration.ofMinutes(5)));
    }

    public FakeServer of(String provider) {
        return switch (provider) {
            case "anthropic" -> anthropic;
            case "openai" -> openai;
            case "groq" -> groq;
            default -> voyage;
        };
    }

    public static String model(String provider) {
        return switch (provider) {
            case "anthropic" -> "claude-sonnet-5-5";
            case "openai" -> "gpt-6.1-sol";
            default -> "openai/gpt-oss-120b";
        };
    }

    @Override
    public void close() {
        anthropic.close();
        openai.close();
        groq.close();
        voyage.close();
    }
}
