package dev.catalyst.llm.nodes.router;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An llmRouter node's config as written (schema: {@code llmRouter.json}); {@link RouterConfig} is
 * what one call derives from it.
 */
public record LlmRouterConfig(String preset, Weights weights, List<Rule> rules, List<Candidate> candidates, List<String> fallback,
                              Integer maxAttempts, Long budgetMs, Boolean restartOnInterrupt, List<String> require,
                              Integer expectedOutputTokens, Double exploration, Integer maxTokens, Boolean stream) {
    /** Weights of the balanced preset. */
    public record Weights(Double cost, Double speed, Double quality) {}

    /** When the CEL condition holds, use that candidate. */
    public record Rule(String when, String use) {}

    /** An inline candidate; {@code params} is config of that provider's completion node. */
    public record Candidate(String provider, String model, String credential, JsonNode params) {}
}
