package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.catalog.ModelInfo;
import java.util.List;

/**
 * Expected cost, time and quality of one candidate for one request, and the preset scores built
 * from them. Lower scores are better in every preset (quality scores the negated tier).
 */
final class Scoring {
    /** Used when neither observation nor catalog says anything about a deployment's speed. */
    static final double DEFAULT_TTFT_MS = 1500;
    static final double DEFAULT_TOKENS_PER_S = 60;
    /** The completion nodes' own default maxTokens. */
    static final int NODE_DEFAULT_MAX_TOKENS = 1024;

    private Scoring() {}

    /** @param latencySource observed, catalog or default */
    record Metrics(Double costUsd, double expectedMs, String latencySource, int tier, long inputTokens, long outputTokens) {}

    static int maxTokens(Candidate c, RouterConfig cfg) {
        if (cfg.maxTokens() != null) return cfg.maxTokens();
        return c.params().hasNonNull("maxTokens") ? c.params().get("maxTokens").asInt() : NODE_DEFAULT_MAX_TOKENS;
    }

    static long expectedOutput(Candidate c, RouterConfig cfg) {
        if (cfg.expectedOutputTokens() != null) return cfg.expectedOutputTokens();
        return Math.min(maxTokens(c, cfg), RouterConfig.DEFAULT_EXPECTED_OUTPUT);
    }

    static Metrics metrics(Candidate c, RouterRequest req, RouterConfig cfg, RouterState state) {
        long in = TokenCounter.forProvider(c.provider(), req.promptTokens());
        long out = expectedOutput(c, cfg);
        ModelInfo info = c.info();
        Double cost = null;
        if (info != null && info.pricing() != null && info.pricing().input() != null && info.pricing().output() != null) {
            cost = (in * info.pricing().input().doubleValue() + out * info.pricing().output().doubleValue()) / 1_000_000;
        }
        double ttft;
        double tps;
        String source;
        var observed = state.latency(c.deployment());
        ModelInfo.Speed speed = info == null ? null : info.speed();
        Double catalogTtft = speed == null || speed.ttftS() == null ? null : speed.ttftS() * 1000;
        Double catalogTps = speed == null ? null : speed.outputTokensPerS();
        if (observed.isPresent()) {
            ttft = observed.get().ttftMs();
            Double seen = observed.get().outputTokensPerS();
            tps = seen != null ? seen : catalogTps != null ? catalogTps : DEFAULT_TOKENS_PER_S;
            source = "observed";
        } else {
            ttft = catalogTtft != null ? catalogTtft : DEFAULT_TTFT_MS;
            tps = catalogTps != null && catalogTps > 0 ? catalogTps : DEFAULT_TOKENS_PER_S;
            source = catalogTtft != null || catalogTps != null ? "catalog" : "default";
        }
        double ms = ttft + out * 1000.0 / tps;
        int tier = info == null || info.qualityTier() == null ? 0 : info.qualityTier();
        return new Metrics(cost, ms, source, tier, in, out);
    }

    /** Preset scores for the usable entries, in place; lower is better. */
    static void score(List<Decider.Entry> usable, Preset preset, RouterConfig.Weights w) {
        switch (preset) {
            case COST -> usable.forEach(e -> e.score = e.metrics.costUsd() == null ? Double.POSITIVE_INFINITY : e.metrics.costUsd());
            case SPEED -> usable.forEach(e -> e.score = e.metrics.expectedMs());
            case QUALITY -> usable.forEach(e -> e.score = -e.metrics.tier());
            case BALANCED -> balanced(usable, w);
        }
    }

    private static void balanced(List<Decider.Entry> usable, RouterConfig.Weights w) {
        double minC = Double.MAX_VALUE, maxC = 0, minT = Double.MAX_VALUE, maxT = 0;
        int minQ = Integer.MAX_VALUE, maxQ = Integer.MIN_VALUE;
        for (Decider.Entry e : usable) {
            Double c = e.metrics.costUsd();
            if (c != null) {
                minC = Math.min(minC, c);
                maxC = Math.max(maxC, c);
            }
            minT = Math.min(minT, e.metrics.expectedMs());
            maxT = Math.max(maxT, e.metrics.expectedMs());
            minQ = Math.min(minQ, e.metrics.tier());
            maxQ = Math.max(maxQ, e.metrics.tier());
        }
        for (Decider.Entry e : usable) {
            Double c = e.metrics.costUsd();
            // an unknown price counts as the most expensive: the router cannot promise it is cheap
            double cost = c == null ? 1 : norm(c, minC, maxC);
            double time = norm(e.metrics.expectedMs(), minT, maxT);
            double gap = maxQ == minQ ? 0 : (double) (maxQ - e.metrics.tier()) / (maxQ - minQ);
            e.score = w.cost() * cost + w.speed() * time + w.quality() * gap;
        }
    }

    private static double norm(double v, double min, double max) {
        return max > min ? (v - min) / (max - min) : 0;
    }

    /** Ties on the preset's score go to the cheaper, then the faster, then the earlier-listed candidate. */
    static int compare(Decider.Entry a, Decider.Entry b) {
        int c = Double.compare(a.score, b.score);
        if (c != 0) return c;
        c = Double.compare(cost(a), cost(b));
        if (c != 0) return c;
        c = Double.compare(a.metrics.expectedMs(), b.metrics.expectedMs());
        return c != 0 ? c : Integer.compare(a.order, b.order);
    }

    private static double cost(Decider.Entry e) {
        return e.metrics.costUsd() == null ? Double.POSITIVE_INFINITY : e.metrics.costUsd();
    }
}
