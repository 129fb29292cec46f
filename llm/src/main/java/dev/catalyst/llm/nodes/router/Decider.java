package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One routing decision: filter every candidate (saying why one is out), score the rest by the
 * preset, then pick by rule, exploration, fallback list or score, in that order.
 */
final class Decider {
    /** A candidate as this decision sees it: excluded with a reason, or scored. */
    static final class Entry {
        final Candidate candidate;
        final int order;
        String excluded;
        Scoring.Metrics metrics;
        double score = Double.NaN;

        Entry(Candidate candidate, int order) {
            this.candidate = candidate;
            this.order = order;
        }
    }

    /** The outcome; {@code chosen} is null when no candidate is usable. */
    record Decision(Candidate chosen, String reason, List<Entry> entries) {
        ArrayNode candidatesJson() {
            ArrayNode out = Json.array();
            for (Entry e : entries) {
                ObjectNode o = out.addObject();
                o.put("id", e.candidate.id());
                o.put("provider", e.candidate.provider());
                o.put("model", e.candidate.model());
                if (e.excluded != null) {
                    o.put("excluded", e.excluded);
                    continue;
                }
                if (Double.isFinite(e.score)) o.put("score", e.score);
                else o.putNull("score");
                if (e.metrics.costUsd() == null) o.putNull("costUsd");
                else o.put("costUsd", e.metrics.costUsd());
                o.put("expectedMs", Math.round(e.metrics.expectedMs()));
                o.put("latency", e.metrics.latencySource());
                o.put("qualityTier", e.metrics.tier());
            }
            return out;
        }

        /** "id: why" for every excluded candidate, for the no_candidate error. */
        String exclusions() {
            var parts = new ArrayList<String>();
            for (Entry e : entries) if (e.excluded != null) parts.add(e.candidate.id() + ": " + e.excluded);
            return String.join("; ", parts);
        }
    }

    private final RouterConfig cfg;
    private final RouterRequest req;
    private final RouterState state;
    private final RandomGenerator random;
    private final Predicate<String> hasCredential;
    private final Set<String> providers;

    Decider(RouterConfig cfg, RouterRequest req, RouterState state, RandomGenerator random, Predicate<String> hasCredential, Set<String> providers) {
        this.cfg = cfg;
        this.req = req;
        this.state = state;
        this.random = random;
        this.hasCredential = hasCredential;
        this.providers = providers;
    }

    /**
     * The first attempt's choice. {@code ruleIndex}/{@code ruleUse} name the first rule whose
     * condition held (index -1 when none did).
     */
    Decision first(List<Candidate> candidates, int ruleIndex, String ruleUse) {
        List<Entry> entries = evaluate(candidates, Set.of(), null);
        List<Entry> usable = entries.stream().filter(e -> e.excluded == null).toList();
        if (usable.isEmpty()) return new Decision(null, "no_candidate", entries);
        if (ruleIndex >= 0) {
            for (Entry e : usable) if (e.candidate.id().equals(ruleUse)) return new Decision(e.candidate, "rule:" + ruleIndex, entries);
        }
        if (cfg.preset() == Preset.SPEED || cfg.preset() == Preset.BALANCED) {
            Entry explored = explore(usable);
            if (explored != null) return new Decision(explored.candidate, "explore:" + cfg.preset().wireName(), entries);
        }
        return new Decision(best(usable).candidate, "preset:" + cfg.preset().wireName(), entries);
    }

    /**
     * A later attempt's choice after a failure: the first usable entry of the fallback list, else
     * the best by the preset. {@code mustExceedWindow} is set after a context overflow.
     */
    Decision next(List<Candidate> candidates, Set<String> tried, Long mustExceedWindow, String reason) {
        List<Entry> entries = evaluate(candidates, tried, mustExceedWindow);
        List<Entry> usable = entries.stream().filter(e -> e.excluded == null).toList();
        if (usable.isEmpty()) return new Decision(null, "no_candidate", entries);
        for (String id : cfg.fallback()) {
            for (Entry e : usable) if (e.candidate.id().equals(id)) return new Decision(e.candidate, reason, entries);
        }
        return new Decision(best(usable).candidate, reason, entries);
    }

    private List<Entry> evaluate(List<Candidate> candidates, Set<String> tried, Long mustExceedWindow) {
        var entries = new ArrayList<Entry>(candidates.size());
        var usable = new ArrayList<Entry>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            var e = new Entry(candidates.get(i), i);
            e.excluded = exclusion(e.candidate, tried, mustExceedWindow);
            if (e.excluded == null) {
                e.metrics = Scoring.metrics(e.candidate, req, cfg, state);
                usable.add(e);
            }
            entries.add(e);
        }
        Scoring.score(usable, cfg.preset(), cfg.weights());
        return entries;
    }

    /** Why a candidate cannot take this attempt, or null when it can. */
    private String exclusion(Candidate c, Set<String> tried, Long mustExceedWindow) {
        if (tried.contains(c.id())) return "already tried";
        if (!providers.contains(c.provider())) return "no completion node for provider '" + c.provider() + "'";
        if (c.info() != null && c.info().isRetired()) return "model is retired" + replacement(c);
        if (!hasCredential.test(c.credential())) return "no credential named '" + c.credential() + "'";
        var cooldown = state.cooldown(c.deployment());
        if (cooldown.isPresent()) {
            long ms = Math.max(1, cooldown.get().until().toEpochMilli() - state.clock().millis());
            return "cooling down for " + ms + " ms (" + cooldown.get().reason() + ")";
        }
        for (String need : req.needs()) {
            if (c.info() == null) return "needs " + need + " but the model is not in the catalog";
            if (!c.info().supports(need)) return "model does not support " + need;
        }
        String format = c.params().path("responseFormat").asString("text");
        if (!format.equals("text") && c.info() != null && !c.info().supports(format.equals("json_schema") ? "json_schema" : "json_mode")) {
            return "model does not support " + format;
        }
        if (c.params().path("tools").size() > 0 && c.info() != null && !c.info().supports("tools")) return "model does not support tools";
        int maxTokens = Scoring.maxTokens(c, cfg);
        Long outLimit = c.info() == null ? null : c.info().maxOutputTokens();
        if (outLimit != null && maxTokens > outLimit) return "maxTokens " + maxTokens + " is above the model's output limit " + outLimit;
        Long window = c.window();
        if (window != null) {
            long prompt = TokenCounter.forProvider(c.provider(), req.promptTokens() + TokenCounter.count(c.params().path("system").asString("")));
            if (prompt + maxTokens > window) {
                return "context window " + window + " too small: prompt ~" + prompt + " tokens + maxTokens " + maxTokens;
            }
            Long inLimit = c.info().maxInputTokens();
            if (inLimit != null && prompt > inLimit) return "prompt ~" + prompt + " tokens is above the model's input limit " + inLimit;
        }
        if (mustExceedWindow != null && (window == null || window <= mustExceedWindow)) {
            return "context window " + (window == null ? "unknown" : window) + " not larger than the " + mustExceedWindow + " that overflowed";
        }
        return null;
    }

    private static String replacement(Candidate c) {
        var s = c.info().status();
        return s.replacement() == null ? "" : " (use " + s.replacement() + ")";
    }

    private static Entry best(List<Entry> usable) {
        Entry best = usable.getFirst();
        for (Entry e : usable) if (Scoring.compare(e, best) < 0) best = e;
        return best;
    }

    /**
     * Once some deployments have observed latency and others have none, a share of decisions
     * ({@code exploration}) goes to a random unobserved one, so its speed gets learned. Before any
     * observation the catalog's figures decide, so a cold start is deterministic.
     */
    private Entry explore(List<Entry> usable) {
        var unseen = new ArrayList<Entry>();
        boolean anySeen = false;
        for (Entry e : usable) {
            if (e.metrics.latencySource().equals("observed")) anySeen = true;
            else unseen.add(e);
        }
        if (!anySeen || unseen.isEmpty() || cfg.exploration() <= 0) return null;
        if (random.nextDouble() >= cfg.exploration()) return null;
        return unseen.get(random.nextInt(unseen.size()));
    }

}
