package dev.catalyst.server.secrets;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.ChatMessage;
import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.Providers;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.nodes.embedding.EmbeddingSpec;
import dev.catalyst.llm.nodes.embedding.Pause;
import dev.catalyst.llm.providers.http.EmbeddingClient;
import dev.catalyst.llm.providers.voyage.VoyageEmbeddingCodec;
import dev.catalyst.llm.providers.http.ProviderSettings;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a key works: one chat call of at most one output token to the cheapest active model of
 * the provider the key belongs to (for Voyage, which has no chat, one embedding of one word), without retries. The answer is ok, auth (the key is wrong or
 * revoked), permission (the key may not use that model) or another failure, with the provider's
 * message after redaction and with the key itself cut out, whatever the provider echoed.
 */
public final class KeyCheck {
    /** The named providers a key can be tested against: chat providers the llm module speaks, and Voyage's embeddings. */
    public static final List<String> TESTABLE = List.of("anthropic", "openai", "groq", "voyage");

    public enum Outcome {
        OK, AUTH, PERMISSION, FAILED;

        /** How the CLI and the API spell it. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Result(String name, String provider, String model, Outcome outcome, String message) {}

    private final ProviderSettings settings;
    private final ModelCatalog catalog;

    public KeyCheck(ProviderSettings settings, ModelCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    /**
     * The provider a secret belongs to: its name when that is a provider's, else {@code provider}
     * when given, else what the key's prefix says. Empty when none of these tells.
     */
    public static Optional<String> providerFor(String name, String provider, Secret key) {
        if (provider != null && !provider.isBlank()) return Optional.of(provider);
        if (TESTABLE.contains(name) || name.equals("voyage")) return Optional.of(name);
        String v = key.reveal();
        if (v.startsWith("sk-ant-")) return Optional.of("anthropic");
        if (v.startsWith("gsk_")) return Optional.of("groq");
        if (v.startsWith("pa-")) return Optional.of("voyage");
        if (v.startsWith("sk-")) return Optional.of("openai");
        return Optional.empty();
    }

    public Result test(String name, String provider, Secret key) throws InterruptedException {
        if (!TESTABLE.contains(provider)) {
            throw new IllegalArgumentException("a key can be tested against " + String.join(", ", TESTABLE) + ", not '" + provider + "'");
        }
        String kind = provider.equals("voyage") ? "embedding" : "chat";
        String model = cheapest(provider, kind).map(ModelInfo::id)
                .orElseThrow(() -> new IllegalArgumentException("the model catalog has no active " + provider + " " + kind + " model to test with"));
        var options = new CallOptions(key, null, null, 0);
        try {
            if (kind.equals("embedding")) {
                // no retries, so the client never pauses
                new EmbeddingClient(new VoyageEmbeddingCodec(), settings, Pause.REAL)
                        .batch(List.of("ping"), new EmbeddingSpec(model, null, null, true), options);
            } else {
                var request = ChatRequest.builder(model).message(ChatMessage.of("user", "ping")).maxTokens(1).stream(false).build();
                Providers.chat(provider, settings).chat(request, options, chunk -> { });
            }
            return new Result(name, provider, model, Outcome.OK, "the key works");
        } catch (LlmException e) {
            LlmError error = e.error();
            Outcome outcome = switch (error) {
                case LlmError.Auth a -> Outcome.AUTH;
                case LlmError.Permission p -> Outcome.PERMISSION;
                default -> Outcome.FAILED;
            };
            return new Result(name, provider, model, outcome, scrub(error.code().wireName() + ": " + error.message(), key));
        }
    }

    private Optional<ModelInfo> cheapest(String provider, String kind) {
        return catalog.byProvider(provider).stream()
                .filter(m -> kind.equals(m.kind()))
                .filter(m -> m.status() == null || m.status().state() == null || "active".equals(m.status().state()))
                .min(Comparator.comparing((ModelInfo m) -> m.pricing() == null || m.pricing().input() == null ? BigDecimal.valueOf(Long.MAX_VALUE) : m.pricing().input())
                        .thenComparing(ModelInfo::id));
    }

    // the redactor knows key shapes; this also cuts the very key tested, whatever its shape
    static String scrub(String message, Secret key) {
        return message == null ? "" : message.replace(key.reveal(), "[redacted]");
    }
}
