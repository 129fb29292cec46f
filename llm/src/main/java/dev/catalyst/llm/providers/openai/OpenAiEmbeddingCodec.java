package dev.catalyst.llm.providers.openai;

import dev.catalyst.core.secrets.Secret;
import dev.catalyst.llm.nodes.embedding.EmbeddingCodec;
import dev.catalyst.llm.nodes.embedding.EmbeddingResult;
import dev.catalyst.llm.nodes.embedding.EmbeddingSpec;
import dev.catalyst.llm.nodes.embedding.Vectors;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.WireJson;
import dev.catalyst.llm.providers.http.WireRequest;
import java.net.URI;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** OpenAI {@code /embeddings}: asks for base64 (as the SDKs do) and decodes little-endian float32. */
public final class OpenAiEmbeddingCodec implements EmbeddingCodec {
    /** The request body; null fields are not sent. */
    record Request(String model, List<String> input, String encodingFormat, Integer dimensions) {}

    private final OpenAiCodec errors = new OpenAiCodec();

    @Override
    public String provider() {
        return "openai";
    }

    @Override
    public int maxBatch() {
        return 2048;
    }

    /** OpenAI: 300k tokens per request, counted with cl100k_base. */
    @Override
    public long maxRequestTokens(String model) {
        return 300_000;
    }

    @Override
    public double tokenEstimateFactor() {
        return 1.0;
    }

    @Override
    public boolean truncates() {
        return false;
    }

    @Override
    public WireRequest request(URI baseUrl, List<String> texts, EmbeddingSpec spec, Secret key) throws LlmException {
        var body = WireJson.tree(new Request(spec.model(), List.copyOf(texts), "base64", spec.dimensions()));
        return WireJson.post(WireJson.append(baseUrl, "/embeddings"), body, false).header("authorization", WireJson.bearer(key, provider()));
    }

    @Override
    public EmbeddingResult parse(JsonNode body, int expected) throws LlmException {
        JsonNode u = body.path("usage");
        long tokens = u.has("prompt_tokens") ? u.get("prompt_tokens").asLong() : u.path("total_tokens").asLong();
        return Vectors.read(provider(), body, expected, tokens);
    }

    @Override
    public LlmError error(int status, String body, Long retryAfterMs) {
        return errors.error(status, body, retryAfterMs);
    }
}
