package dev.catalyst.llm.nodes.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The router node's config, read once per call. {@code maxTokens} and {@code stream} are set only
 * when the router's own config names them: then they override each candidate's.
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

    static RouterConfig read(ObjectNode raw, ObjectNode withDefaults) {
        JsonNode w = withDefaults.path("weights");
        var weights = new Weights(w.path("cost").asDouble(1), w.path("speed").asDouble(1), w.path("quality").asDouble(1));
        var rules = new ArrayList<Rule>();
        JsonNode r = withDefaults.path("rules");
        for (int i = 0; i < r.size(); i++) rules.add(new Rule(i, r.get(i).path("when").asString(""), r.get(i).path("use").asString("")));
        var fallback = new ArrayList<String>();
        withDefaults.path("fallback").forEach(f -> fallback.add(f.asString()));
        var require = new TreeSet<String>();
        withDefaults.path("require").forEach(f -> require.add(f.asString()));
        boolean own = raw != null && raw.hasNonNull("maxTokens");
        return new RouterConfig(Preset.parse(withDefaults.path("preset").asString("balanced")), weights, List.copyOf(rules),
                List.copyOf(fallback), Math.max(1, withDefaults.path("maxAttempts").asInt(3)), Math.max(1, withDefaults.path("budgetMs").asLong(120_000)),
                withDefaults.path("restartOnInterrupt").asBoolean(false),
                own ? raw.get("maxTokens").asInt() : null,
                raw != null && raw.hasNonNull("stream") ? raw.get("stream").asBoolean() : null,
                withDefaults.hasNonNull("expectedOutputTokens") ? withDefaults.get("expectedOutputTokens").asInt() : null,
                withDefaults.path("exploration").asDouble(DEFAULT_EXPLORATION), Set.copyOf(require));
    }
}
