package dev.catalyst.llm.nodes.completion;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the completion executor reads of a completion node's config, whichever the provider. Each
 * provider's record (its schema's properties, read with Jackson) implements it; a parameter the
 * provider does not have reads as null.
 */
public sealed interface CompletionConfig permits AnthropicCompletionConfig, OpenaiCompletionConfig, GroqCompletionConfig {
    String model();

    String system();

    Integer maxTokens();

    Double temperature();

    Double topP();

    List<String> stopSequences();

    Boolean stream();

    List<Tool> tools();

    /** A mode ("auto", ...) or {@code {"name": tool}}. */
    JsonNode toolChoice();

    String credential();

    Long timeoutMs();

    Integer maxRetries();

    default Integer topK() {
        return null;
    }

    default Boolean parallelToolCalls() {
        return null;
    }

    default String responseFormat() {
        return null;
    }

    default JsonSchemaFormat jsonSchema() {
        return null;
    }

    /** Provider fields passed through under their wire names (seed, penalties, Groq's options), or null. */
    default ObjectNode extra() {
        return null;
    }
}
