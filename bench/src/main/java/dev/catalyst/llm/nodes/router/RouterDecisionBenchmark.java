package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeType;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The router's decision overhead: filter and score N candidates (20 active catalog chat models,
 * some with learned latency, one cooling down) and build the router.decision candidates list.
 * Lives in the router's package to reach its package-private decider.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouterDecisionBenchmark {
    @Param({"balanced", "cost", "speed"})
    public String preset;

    private Decider decider;
    private List<Candidate> candidates;

    @Setup
    public void setUp() throws Exception {
        NodeType type = new RouterKind().spec();
        ModelCatalog catalog = ModelCatalog.builtIn();
        ArrayNode handles = Json.array();
        List<ModelInfo> chat = catalog.all().stream().filter(m -> m.isChat() && !m.isRetired() && m.pricing().input() != null).limit(20).toList();
        if (chat.size() < 20) throw new IllegalStateException("the catalog has fewer than 20 active chat models");
        for (ModelInfo m : chat) {
            ObjectNode h = handles.addObject();
            h.put("provider", m.provider());
            h.put("model", m.id());
            h.putObject("params").put("maxTokens", 800);
            h.put("nodeId", "n-" + m.id());
        }
        ObjectNode raw = (ObjectNode) Json.parse("{\"preset\":\"" + preset + "\",\"exploration\":0.1}");
        RouterConfig cfg = RouterConfig.read(raw, type.withDefaults(raw));
        var state = new RouterState(Clock.systemUTC(), RouterState.Settings.defaults());
        try {
            candidates = Candidates.read(handles, null, catalog);
        } catch (dev.catalyst.core.exec.NodeException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < candidates.size(); i += 3) state.succeeded(candidates.get(i).deployment(), 400 + i, 2000 + i, 300);
        state.failed(candidates.get(1).deployment(), dev.catalyst.core.exec.ErrorCode.RATE_LIMITED, 60_000L);
        RouterRequest req = RouterRequest.of(Json.parse("[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":\"Summarise the plot of Hamlet in one sentence.\"}]"), null, null, Set.of());
        decider = new Decider(cfg, req, state, new Random(1), n -> true, Set.of("anthropic", "openai", "groq"));
    }

    @Benchmark
    public ArrayNode decideTwentyCandidates() {
        return decider.first(candidates, -1, null).candidatesJson();
    }
}
