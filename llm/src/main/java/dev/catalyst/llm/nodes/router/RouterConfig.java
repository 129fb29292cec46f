package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one router call uses, derived from the node's config record ({@link LlmRouterConfig}).
 * {@code maxTokens} and {@code stream} are set only when the router's own config names them: then
 * they override each candidate's.
 */
record RouterConfig(Preset preset, Weights weights, List<Rule> rules, List<String> fallback, int maxAttempts, long budgetMs,
                    boolean restartOnInterrupt, Integer maxTokens, Boolean stream, Integer expectedOutputTokens,
                    double exploration, Set<String> require) {

    /** Weights of the balanced preset; each part is normalised to 0..1 over the usable candidates. */
    record Weights(double cost, double speed, double quality) {
        static final Weights DEFAULT = new Weights(1, 1, 1);
    }

    record Rule(int index, String when, String use) {}

    /** Default share of speed decisions spent on a deployment with no observed latency. */
    static final double DEFAULT_EXPLORATION = 0.1;

    /** Output length assumed when maxTokens does not say better: most answers are short. */
    static final int DEFAULT_EXPECTED_OUTPUT = 500;

    /**
     * Reads the node's config into its record ({@link LlmRouterConfig}, with the schema's defaults)
     * and derives what one call uses. {@code maxTokens} and {@code stream} come from {@code raw}:
     * only the router's own values override the candidates'.
     */
    static RouterConfig read(ObjectNode raw, ObjectNode withDefaults) throws NodeException {
        LlmRouterConfig c = record(withDefaults);
        LlmRouterConfig own = record(raw == null ? Json.object() : raw);
        var w = c.weights();
        var weights = w == null ? Weights.DEFAULT : new Weights(or(w.cost(), 1.0), or(w.speed(), 1.0), or(w.quality(), 1.0));
        var rules = new ArrayList<Rule>();
        List<LlmRouterConfig.Rule> written = or(c.rules(), List.of());
        for (int i = 0; i < written.size(); i++) rules.add(new Rule(i, or(written.get(i).when(), ""), or(written.get(i).use(), "")));
        return new RouterConfig(Preset.parse(or(c.preset(), "balanced")), weights, List.copyOf(rules), List.copyOf(or(c.fallback(), List.of())),
                Math.max(1, or(c.maxAttempts(), 3)), Math.max(1, or(c.budgetMs(), 120_000L)),
                or(c.restartOnInterrupt(), false), own.maxTokens(), own.stream(), c.expectedOutputTokens(),
                or(c.exploration(), DEFAULT_EXPLORATION), Set.copyOf(or(c.require(), List.of())));
    }

    private static LlmRouterConfig record(ObjectNode config) throws NodeException {
        try {
            return Json.MAPPER.treeToValue(config, LlmRouterConfig.class);
        } catch (JacksonException e) {
            // validation refuses such a config before a run; this guards direct calls
            throw new NodeException(ErrorCode.INVALID_REQUEST, "llmRouter config does not match its schema: " + e.getOriginalMessage());
        }
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
