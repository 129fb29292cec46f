package dev.catalyst.llm.providers.voyage;

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

/** Voyage AI {@code /embeddings}: input_type and output_dimension, base64 float32, errors as {@code {"detail": ...}}. */
public final class VoyageEmbeddingCodec implements EmbeddingCodec {
    /** The request body; null fields are not sent. */
    record Request(List<String> input, String model, String inputType, Integer outputDimension, boolean truncation, String encodingFormat) {}

    @Override
    public String provider() {
        return "voyage";
    }

    @Override
    public int maxBatch() {
        return 1000;
    }

    /** Voyage's total tokens per request: 1M for the lite models, 320k for voyage-4/3.5/3/2, 120k for the others (large, code, domain). */
    @Override
    public long maxRequestTokens(String model) {
        if (model.endsWith("-lite")) return 1_000_000;
        return switch (model) {
            case "voyage-4", "voyage-3.5", "voyage-3", "voyage-2" -> 320_000;
            default -> 120_000;
        };
    }

    /** Voyage's tokenizer is not cl100k_base; a quarter more keeps an estimate on the safe side. */
    @Override
    public double tokenEstimateFactor() {
        return 1.25;
    }

    @Override
    public boolean truncates() {
        return true;
    }

    @Override
    public WireRequest request(URI baseUrl, List<String> texts, EmbeddingSpec spec, Secret key) throws LlmException {
        if (spec.inputType() != null && !spec.inputType().matches("query|document")) {
            throw WireJson.invalid(provider(), "inputType must be query or document");
        }
        var body = WireJson.tree(new Request(List.copyOf(texts), spec.model(), spec.inputType(), spec.dimensions(), spec.truncate(), "base64"));
        return WireJson.post(WireJson.append(baseUrl, "/embeddings"), body, false).header("authorization", WireJson.bearer(key, provider()));
    }

    @Override
    public EmbeddingResult parse(JsonNode body, int expected) throws LlmException {
        return Vectors.read(provider(), body, expected, body.path("usage").path("total_tokens").asLong());
    }

    @Override
    public LlmError error(int status, String body, Long retryAfterMs) {
        return VoyageErrors.map(status, body, retryAfterMs);
    }
}
