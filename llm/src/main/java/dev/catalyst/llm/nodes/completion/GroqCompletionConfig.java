package dev.catalyst.llm.nodes.completion;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A groqCompletion node's config (schema: {@code groqCompletion.json}): OpenAI's, minus what Groq rejects, plus its own tiers. */
public record GroqCompletionConfig(String model, String system, Integer maxTokens, Double temperature, Double topP,
                                   Double presencePenalty, Double frequencyPenalty, Long seed, List<String> stopSequences,
                                   Boolean stream, List<Tool> tools, JsonNode toolChoice, Boolean parallelToolCalls,
                                   String responseFormat, JsonSchemaFormat jsonSchema, String reasoningEffort, String serviceTier,
                                   String credential, Long timeoutMs, Integer maxRetries) implements CompletionConfig {
    @Override
    public ObjectNode extra() {
        return CompletionRequests.extra(seed, presencePenalty, frequencyPenalty, reasoningEffort, serviceTier);
    }
}
