package dev.catalyst.llm;

import dev.catalyst.llm.providers.anthropic.AnthropicCodec;
import dev.catalyst.llm.providers.groq.GroqCodec;
import dev.catalyst.llm.providers.http.ChatClient;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.llm.providers.openai.OpenAiCodec;

/** The chat providers Catalyst has, by name. */
public final class Providers {
    private Providers() {}

    public static LlmProvider chat(String provider, ProviderSettings settings) {
        return switch (provider) {
            case "anthropic" -> new ChatClient(new AnthropicCodec(), settings);
            case "openai" -> new ChatClient(new OpenAiCodec(), settings);
            case "groq" -> new ChatClient(new GroqCodec(), settings);
            default -> throw new IllegalArgumentException("unknown chat provider '" + provider + "'");
        };
    }
}
