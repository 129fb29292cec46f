package dev.catalyst.llm.nodes.completion;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An openaiCompletion node's config (schema: {@code openaiCompletion.json}); {@code toolChoice} is a mode or {@code {name}}. */
public record OpenaiCompletionConfig(String model, String system, Integer maxTokens, Double temperature, Double topP,
                                     Double presencePenalty, Double frequencyPenalty, Long seed, List<String> stopSequences,
                                     Boolean stream, List<Tool> tools, JsonNode toolChoice, Boolean parallelToolCalls,
                                     String responseFormat, JsonSchemaFormat jsonSchema, String credential, Long timeoutMs,
                                     Integer maxRetries) implements CompletionConfig {
    @Override
    public ObjectNode extra() {
        return CompletionRequests.extra(seed, presencePenalty, frequencyPenalty, null, null);
    }
}
