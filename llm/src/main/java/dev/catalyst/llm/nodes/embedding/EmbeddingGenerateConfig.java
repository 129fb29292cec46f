package dev.catalyst.llm.nodes.embedding;

/**
 * An embeddingGenerate node's config (schema: {@code embeddingGenerate.json}).
 *
 * @param provider null: openai or voyage when its key is set, else local ({@link EmbeddingSetup})
 * @param model null: the provider's default ({@link EmbeddingModels#DEFAULTS})
 * @param texts used when the texts port is unconnected: a template such as {@code {{ inputs.texts }}}
 * @param truncate cut a text over the model's limit instead of failing (local and voyage)
 */
public record EmbeddingGenerateConfig(String provider, String model, Integer dimensions, String inputType, Integer batchSize,
                                      Integer concurrency, Boolean truncate, String texts, String credential, Long timeoutMs,
                                      Integer maxRetries) {}
