package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.secrets.Secret;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.WireRequest;
import java.net.URI;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The provider-specific part of an embeddings call. */
public interface EmbeddingCodec {
    String provider();

    /** Most texts one request may carry. */
    int maxBatch();

    /** Most tokens one request may carry, all its texts together. */
    long maxRequestTokens(String model);

    /**
     * How much to scale a cl100k_base token count to be sure not to undercount this provider's
     * tokens: 1 where the provider counts with cl100k_base itself (OpenAI), more where it does not.
     */
    double tokenEstimateFactor();

    /** Whether the provider can cut a text over the model's limit itself (the node's {@code truncate}). */
    boolean truncates();

    WireRequest request(URI baseUrl, List<String> texts, EmbeddingSpec spec, Secret key) throws LlmException;

    /** Vectors ordered by their {@code index}, and the tokens counted. */
    EmbeddingResult parse(JsonNode body, int expected) throws LlmException;

    LlmError error(int status, String body, Long retryAfterMs);
}
