package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.exec.Usage;
import java.util.List;

/** One vector per input text, in input order, and the tokens the provider counted. */
public record EmbeddingResult(List<float[]> vectors, Usage usage) {}
