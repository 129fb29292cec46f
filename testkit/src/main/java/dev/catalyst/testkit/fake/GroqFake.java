package dev.catalyst.testkit.fake;

import dev.catalyst.core.catalog.ModelCatalog;
import java.net.URI;
import tools.jackson.databind.JsonNode;

/** Fake Groq: OpenAI-compatible at {@code /openai/v1/chat/completions}, with {@code x_groq} and Groq's 400s. */
public final class GroqFake extends ChatCompletionsFake {
    public GroqFake() {
        this(ModelCatalog.builtIn());
    }

    public GroqFake(ModelCatalog catalog) {
        super(catalog);
    }

    @Override
    public URI baseUrl() {
        return URI.create(root() + "/openai/v1");
    }

    @Override
    public String provider() {
        return "groq";
    }

    @Override
    protected String prefix() {
        return "/openai/v1";
    }

    @Override
    protected boolean groq() {
        return true;
    }

    @Override
    protected String reject(JsonNode body, String model) {
        for (String f : new String[] {"logprobs", "logit_bias", "top_logprobs"}) {
            if (body.has(f)) return "'" + f + "' : property '" + f + "' is unsupported";
        }
        for (JsonNode m : body.get("messages")) {
            if (m.has("name")) return "'messages.name' : property 'name' is unsupported";
        }
        if (body.has("n") && body.get("n").asInt() != 1) return "'n' : number must be at most 1";
        return null;
    }

    @Override
    protected String errorFile(int status) {
        return switch (status) {
            case 401 -> "errors/groq/401-invalid_api_key.json";
            case 413 -> "errors/groq/413-request_too_large.json";
            case 429 -> "errors/groq/429-rate_limit_exceeded.json";
            default -> null;
        };
    }
}
