package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.exec.Usage;
import java.util.List;

/**
 * One vector per input text, in input order, and the tokens the provider counted.
 *
 * @param model the model the provider's answer names (a snapshot for an alias); null when it names none
 */
public record EmbeddingResult(List<float[]> vectors, Usage usage, String model) {
    public EmbeddingResult(List<float[]> vectors, Usage usage) {
        this(vectors, usage, null);
    }
}
