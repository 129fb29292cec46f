package dev.catalyst.llm.nodes.embedding;

/** What to embed with: model, optional shorter vectors, (Voyage) query or document, and whether the provider may cut long texts. */
public record EmbeddingSpec(String model, Integer dimensions, String inputType, boolean truncate) {}
