package dev.catalyst.llm.providers.voyage;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.llm.nodes.embedding.EmbeddingCodec;
import dev.catalyst.llm.nodes.embedding.EmbeddingResult;
import dev.catalyst.llm.nodes.embedding.EmbeddingSpec;
import dev.catalyst.llm.nodes.embedding.Vectors;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.WireJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Voyage AI {@code /embeddings}: input_type and output_dimension, base64 float32, errors as {@code {"detail": ...}}. */
public final class VoyageEmbeddingCodec implements EmbeddingCodec {
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
    public HttpRequest request(URI baseUrl, List<String> texts, EmbeddingSpec spec, Secret key) throws LlmException {
        if (spec.inputType() != null && !spec.inputType().matches("query|document")) {
            throw WireJson.invalid(provider(), "inputType must be query or document");
        }
        ObjectNode b = Json.object();
        var input = b.putArray("input");
        texts.forEach(input::add);
        b.put("model", spec.model());
        if (spec.inputType() != null) b.put("input_type", spec.inputType());
        if (spec.dimensions() != null) b.put("output_dimension", spec.dimensions());
        b.put("truncation", spec.truncate());
        b.put("encoding_format", "base64");
        return WireJson.post(WireJson.append(baseUrl, "/embeddings"), b, false).header("authorization", WireJson.bearer(key, provider())).build();
    }

    @Override
    public EmbeddingResult parse(JsonNode body, int expected) throws LlmException {
        return Vectors.read(provider(), body, expected, body.path("usage").path("total_tokens").asLong());
    }

    @Override
    public LlmError error(int status, String body, Long retryAfterMs) {
        JsonNode json = WireJson.tryParse(body);
        String detail = json != null && json.path("detail").isString() ? json.get("detail").asString() : WireJson.clip(body);
        if (status == 400 && detail.toLowerCase(java.util.Locale.ROOT).contains("context length")) {
            return new LlmError.ContextLengthExceeded(provider(), status, "voyage HTTP 400: " + detail);
        }
        return LlmError.classify(provider(), status, null, null, detail, retryAfterMs);
    }
}
