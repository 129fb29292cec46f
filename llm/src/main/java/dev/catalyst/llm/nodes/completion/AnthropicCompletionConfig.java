package dev.catalyst.llm.nodes.completion;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** An anthropicCompletion node's config (schema: {@code anthropicCompletion.json}); {@code toolChoice} is a mode or {@code {name}}. */
public record AnthropicCompletionConfig(String model, String system, Integer maxTokens, Double temperature, Double topP, Integer topK,
                                        List<String> stopSequences, Boolean stream, List<Tool> tools, JsonNode toolChoice,
                                        String credential, Long timeoutMs, Integer maxRetries) implements CompletionConfig {}
