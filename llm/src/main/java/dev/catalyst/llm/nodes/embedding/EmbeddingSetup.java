package dev.catalyst.llm.nodes.embedding;

import java.util.Objects;

/**
 * What the embedding node gets from the wiring: the in-process model of the {@code local} provider,
 * and the provider a node without {@code config.provider} uses (decided from the real keys, so a
 * user with no key gets the local model, also when simulate mode stands in for the others), and how
 * retries and rate-limit cooldowns wait.
 */
public record EmbeddingSetup(String defaultProvider, LocalEmbedder local, Pause pause) {
    public EmbeddingSetup {
        Objects.requireNonNull(defaultProvider, "defaultProvider");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(pause, "pause");
    }

    /** Retries and cooldowns wait in real time. */
    public EmbeddingSetup(String defaultProvider, LocalEmbedder local) {
        this(defaultProvider, local, Pause.REAL);
    }

    /** openai when an OpenAI key is set, else voyage when a Voyage key is, else local. */
    public static String defaultProvider(boolean openaiKey, boolean voyageKey) {
        return openaiKey ? "openai" : voyageKey ? "voyage" : "local";
    }
}
