package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The local provider's run: texts over the model's limit refused (or cut when asked), then embedded batch by batch. */
final class LocalEmbedding {
    private final LocalEmbedder model;

    LocalEmbedding(LocalEmbedder model) {
        this.model = model;
    }

    /** @param deadline when the node must be done: checked between batches (a batch itself is not interrupted) */
    EmbeddingResult embed(EmbeddingTexts texts, int batchSize, boolean truncate, Cancellation cancellation, Instant deadline) throws NodeException {
        List<String> values = texts.values();
        if (!truncate) {
            int[] tokens = model.countTokens(values);
            for (int i = 0; i < tokens.length; i++) {
                if (tokens[i] > model.maxTokens()) {
                    throw new NodeException(ErrorCode.CONTEXT_LENGTH_EXCEEDED, texts.where().get(i) + " has " + tokens[i] + " tokens, more than " + model.model() + " reads ("
                            + model.maxTokens() + "); shorten it, or set truncate: true to embed its first " + model.maxTokens() + " tokens");
                }
            }
        }
        var vectors = new ArrayList<float[]>(values.size());
        Usage usage = Usage.ZERO;
        for (int from = 0; from < values.size(); from += batchSize) {
            if (cancellation.isCancelled()) throw new NodeException(ErrorCode.CANCELLED, "embedding cancelled after " + from + " of " + values.size() + " texts");
            if (Instant.now().isAfter(deadline)) {
                throw new NodeException(ErrorCode.TIMEOUT, "the local model embedded " + from + " of " + values.size() + " texts before the node's timeout");
            }
            EmbeddingResult r;
            try {
                r = model.embed(values.subList(from, Math.min(values.size(), from + batchSize)));
            } catch (RuntimeException e) {
                throw new NodeException(ErrorCode.SERVER_ERROR, "the local embedding model failed: " + e.getMessage(), null, null, e);
            }
            vectors.addAll(r.vectors());
            usage = usage.plus(r.usage());
        }
        return new EmbeddingResult(List.copyOf(vectors), usage);
    }
}
