package dev.catalyst.llm.nodes.embedding;

/**
 * An embeddingGenerate node's config (schema: {@code embeddingGenerate.json}).
 *
 * @param texts used when the texts port is unconnected: a template such as {@code {{ inputs.texts }}}
 */
public record EmbeddingGenerateConfig(String provider, String model, Integer dimensions, String inputType, Integer batchSize,
                                      String texts, String credential, Long timeoutMs, Integer maxRetries) {}
