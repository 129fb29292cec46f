package dev.catalyst.llm.nodes.embedding;

/** What to embed with: model, optional shorter vectors, and (Voyage) query or document. */
public record EmbeddingSpec(String model, Integer dimensions, String inputType) {}
