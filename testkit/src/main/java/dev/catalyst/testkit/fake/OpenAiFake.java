package dev.catalyst.testkit.fake;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.catalog.ModelInfo;
import java.net.URI;
import tools.jackson.databind.JsonNode;

/** Fake OpenAI: {@code POST /v1/chat/completions} and {@code POST /v1/embeddings}. */
public final class OpenAiFake extends ChatCompletionsFake {
    public OpenAiFake() {
        this(ModelCatalog.builtIn());
    }

    public OpenAiFake(ModelCatalog catalog) {
        super(catalog);
    }

    @Override
    public URI baseUrl() {
        return URI.create(root() + "/v1");
    }

    @Override
    public String provider() {
        return "openai";
    }

    @Override
    protected String prefix() {
        return "/v1";
    }

    @Override
    protected boolean groq() {
        return false;
    }

    @Override
    protected boolean serveOther(FakeExchange ex) {
        if (!ex.request().path().equals("/v1/embeddings")) return false;
        EmbeddingsFakes.openai(this, ex);
        return true;
    }

    /** Models that take only max_completion_tokens (reasoning models: o-series, GPT-5 and later). */
    public static boolean rejectsMaxTokens(ModelInfo m) {
        return m.id().matches("^(o\\d|gpt-5|gpt-6).*");
    }

    @Override
    protected String reject(JsonNode body, String model) {
        var info = catalog.resolve("openai", model).orElseThrow().model();
        if (body.has("max_tokens") && rejectsMaxTokens(info)) return "@errors/openai/400-unsupported_parameter.json";
        return null;
    }

    @Override
    protected String errorFile(int status) {
        return switch (status) {
            case 401 -> "errors/openai/401-invalid_api_key.json";
            case 429 -> "errors/openai/429-rate_limit_exceeded.json";
            case 500 -> "errors/openai/500-server_error.json";
            default -> null;
        };
    }
}
