package dev.catalyst.llm.nodes.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.llm.Fakes;
import dev.catalyst.llm.TestKinds;
import dev.catalyst.llm.TestContext;
import dev.catalyst.testkit.fake.Fault;
import dev.catalyst.testkit.fake.FaultTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The router over loopback against the wire-exact fakes; each test has its own router state and clock. */
class RouterNodeTest {
    static final NodeType TYPE = new RouterKind().spec();
    static Fakes fakes;
    static Map<String, NodeExecutor> completions;
    dev.catalyst.testkit.ManualClock clock;
    RouterState state;

    @BeforeAll
    static void start() {
        fakes = new Fakes();
        var all = TestKinds.executors(fakes.patient(), new RouterState(new dev.catalyst.testkit.ManualClock(), RouterState.Settings.defaults()));
        completions = Map.of("anthropic", all.get("anthropicCompletion"), "openai", all.get("openaiCompletion"), "groq", all.get("groqCompletion"));
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void reset() {
        for (String p : new String[] {"anthropic", "openai", "groq"}) {
            fakes.of(p).reset().faultTiming(new FaultTiming(Duration.ofSeconds(3), Duration.ofSeconds(3), 1, 20));
        }
        clock = new dev.catalyst.testkit.ManualClock();
        state = new RouterState(clock, RouterState.Settings.defaults());
    }

    /** Three wired completion nodes: groq (cheapest, fastest, tier 2), claude (tier 3), gpt (tier 5, dearest). */
    static ArrayNode handles() {
        ArrayNode a = Json.array();
        a.add(handle("groq", "groq", "openai/gpt-oss-20b"));
        a.add(handle("claude", "anthropic", "claude-haiku-5-5"));
        a.add(handle("gpt", "openai", "gpt-6.1-sol"));
        return a;
    }

    static ObjectNode handle(String nodeId, String provider, String model) {
        ObjectNode h = Json.object();
        h.put("provider", provider);
        h.put("model", model);
        h.put("credential", provider);
        h.putObject("params").put("maxTokens", 400);
        h.put("nodeId", nodeId);
        return h;
    }

    RouterNode router(RandomGenerator random) {
        return new RouterNode(TYPE, completions, state, new ExpressionService(dev.catalyst.core.expr.ExpressionLimits.DEFAULT), random);
    }

    NodeOutput run(String config, TestContext ctx) throws Exception {
        return run(config, ctx, handles(), "Tell me about otters");
    }

    NodeOutput run(String config, TestContext ctx, JsonNode models, String prompt) throws Exception {
        var inputs = new HashMap<String, JsonNode>();
        inputs.put("prompt", Json.valueToTree(prompt));
        if (models != null) inputs.put("models", models);
        return router(new Random(1)).execute(new NodeCall("router", "llmRouter", (ObjectNode) Json.parse(config), inputs, ctx));
    }

    static List<RunEvent.RouterDecision> decisions(TestContext ctx) {
        return ctx.events.stream().filter(e -> e instanceof RunEvent.RouterDecision).map(e -> (RunEvent.RouterDecision) e).toList();
    }

    static JsonNode entry(RunEvent.RouterDecision d, String id) {
        for (JsonNode c : d.candidates()) if (c.path("id").asString().equals(id)) return c;
        throw new AssertionError("no candidate " + id + " in " + d.candidates());
    }

    int requests(String provider) {
        return fakes.of(provider).requests().size();
    }

    @ParameterizedTest
    @CsvSource({"cost, groq, groq", "speed, groq, groq", "quality, gpt, openai", "balanced, groq, groq"})
    void eachPresetPicksTheModelTheCatalogPoints(String preset, String chosen, String provider) throws Exception {
        var ctx = new TestContext();
        int before = requests(provider);
        NodeOutput out = run("{\"preset\":\"" + preset + "\"}", ctx);
        var d = decisions(ctx);
        assertThat(d).hasSize(1);
        assertThat(d.getFirst().chosen()).isEqualTo(chosen);
        assertThat(d.getFirst().reason()).isEqualTo("preset:" + preset);
        assertThat(d.getFirst().attempt()).isEqualTo(1);
        assertThat(d.getFirst().candidates()).hasSize(3);
        assertThat(requests(provider)).isEqualTo(before + 1);
        assertThat(out.values().get("text").asString()).isNotEmpty().isEqualTo(ctx.text());
        assertThat(out.values().at("/decision/chosen").asString()).isEqualTo(chosen);
        assertThat(out.values().has("model")).isFalse();
        assertThat(out.costUsd()).isPositive();
        assertThat(out.usage().outputTokens()).isPositive();
    }

    @Test
    void presetScoresComeFromCatalogData() throws Exception {
        var ctx = new TestContext();
        run("{\"preset\":\"cost\",\"expectedOutputTokens\":1000}", ctx);
        var d = decisions(ctx).getFirst();
        // 1000 output tokens dominate: $0.30/M for gpt-oss-20b, $0.50/M for haiku-5-5, $10/M for gpt-6.1-sol
        assertThat(entry(d, "groq").get("costUsd").asDouble()).isBetween(0.0003, 0.00031);
        assertThat(entry(d, "claude").get("costUsd").asDouble()).isBetween(0.0005, 0.00051);
        assertThat(entry(d, "gpt").get("costUsd").asDouble()).isBetween(0.01, 0.0101);
        assertThat(entry(d, "gpt").get("qualityTier").asInt()).isEqualTo(5);
        // the catalog lists 1000 tok/s for gpt-oss-20b on Groq and nothing for the others
        assertThat(entry(d, "groq").get("latency").asString()).isEqualTo("catalog");
        assertThat(entry(d, "claude").get("latency").asString()).isEqualTo("default");
    }

    @Test
    void balancedWeightsAreConfigurable() throws Exception {
        var onlyQuality = new TestContext();
        run("{\"preset\":\"balanced\",\"weights\":{\"cost\":0,\"speed\":0,\"quality\":1}}", onlyQuality);
        assertThat(decisions(onlyQuality).getFirst().chosen()).isEqualTo("gpt");
        var qualityOverCost = new TestContext();
        // claude: 2 x cost gap ~0.02 + 1.5 x quality gap 2/3 = ~1.04; groq: 1.5 x 1; gpt: 2 x 1
        run("{\"preset\":\"balanced\",\"weights\":{\"cost\":2,\"speed\":0,\"quality\":1.5}}", qualityOverCost);
        assertThat(decisions(qualityOverCost).getFirst().chosen()).isEqualTo("claude");
    }

    @Test
    void qualityTiesGoToTheCheaper() throws Exception {
        var ctx = new TestContext();
        ArrayNode models = Json.array();
        models.add(handle("opus", "anthropic", "claude-opus-5-5"));
        models.add(handle("sol", "openai", "gpt-6.1-sol"));
        run("{\"preset\":\"quality\"}", ctx, models, "hi");
        // both tier 5: gpt-6.1-sol at $2/$10 beats claude-opus-5-5 at $4/$20
        assertThat(decisions(ctx).getFirst().chosen()).isEqualTo("sol");
    }

    @Test
    void rulesOverridePresetsAndReadTheRequest() throws Exception {
        String cfg = "{\"preset\":\"cost\",\"rules\":[{\"when\":\"inputs.tier == 'premium'\",\"use\":\"gpt\"},"
                + "{\"when\":\"request.promptTokens > 1000 || input.prompt.contains('poem')\",\"use\":\"claude\"},"
                + "{\"when\":\"tier == 'gold' && request.messageCount == 1 && !request.hasTools\",\"use\":\"claude\"}]}";
        var premium = new TestContext();
        premium.inputs = Map.of("tier", Json.valueToTree("premium"));
        run(cfg, premium);
        assertThat(decisions(premium).getFirst().chosen()).isEqualTo("gpt");
        assertThat(decisions(premium).getFirst().reason()).isEqualTo("rule:0");

        var poem = new TestContext();
        poem.inputs = Map.of("tier", Json.valueToTree("free"));
        run(cfg, poem, handles(), "write a poem");
        assertThat(decisions(poem).getFirst().reason()).isEqualTo("rule:1");
        assertThat(decisions(poem).getFirst().chosen()).isEqualTo("claude");

        var gold = new TestContext();
        gold.inputs = Map.of("tier", Json.valueToTree("gold"));
        run(cfg, gold);
        assertThat(decisions(gold).getFirst().reason()).isEqualTo("rule:2");

        var free = new TestContext();
        free.inputs = Map.of("tier", Json.valueToTree("free"));
        run(cfg, free);
        assertThat(decisions(free).getFirst().chosen()).isEqualTo("groq");
        assertThat(decisions(free).getFirst().reason()).isEqualTo("preset:cost");
    }

    @Test
    void aRuleThatCannotBeEvaluatedFailsWithExpressionError() {
        var ctx = new TestContext();
        assertThatThrownBy(() -> run("{\"rules\":[{\"when\":\"inputs.tier == 'premium'\",\"use\":\"gpt\"}]}", ctx))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EXPRESSION_ERROR);
                    assertThat(e.getMessage()).contains("config.rules[0].when").contains("tier");
                });
        assertThatThrownBy(() -> run("{\"rules\":[{\"when\":\"request.messageCount\",\"use\":\"gpt\"}]}", ctx))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EXPRESSION_ERROR));
        assertThatThrownBy(() -> run("{\"rules\":[{\"when\":\"true\",\"use\":\"nope\"}]}", ctx))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("'nope'").contains("groq, claude, gpt");
                });
    }

    @Test
    void a429FallsBackAndCoolsTheDeploymentDownForItsRetryAfterAcrossConcurrentRuns() throws Exception {
        fakes.groq.enqueue(Fault.HTTP_429_RETRY_AFTER);
        int groqBefore = requests("groq");
        var ctx = new TestContext();
        NodeOutput out = run("{\"preset\":\"cost\"}", ctx);
        var d = decisions(ctx);
        assertThat(d).extracting(RunEvent.RouterDecision::chosen).containsExactly("groq", "claude");
        assertThat(d.get(1).reason()).isEqualTo("fallback:rate_limited");
        assertThat(d.get(1).attempt()).isEqualTo(2);
        assertThat(entry(d.get(1), "groq").get("excluded").asString()).isEqualTo("already tried");
        assertThat(requests("groq")).as("no retry of the same deployment").isEqualTo(groqBefore + 1);
        assertThat(out.values().at("/decision/attempts/0/error").asString()).isEqualTo("rate_limited");
        assertThat(out.values().at("/decision/attempts/1/outcome").asString()).isEqualTo("answered");
        assertThat(state.snapshot().cooldowns()).singleElement().satisfies(c -> {
            assertThat(c.deployment()).isEqualTo("groq/openai/gpt-oss-20b@groq");
            assertThat(c.until()).isEqualTo(clock.instant().plusSeconds(1));
            assertThat(c.reason()).isEqualTo("rate_limited");
        });

        // eight runs at once share the cooldown: none of them calls groq
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        var jobs = new ArrayList<Callable<TestContext>>();
        for (int i = 0; i < 8; i++) {
            jobs.add(() -> {
                var c = new TestContext();
                run("{\"preset\":\"cost\"}", c);
                return c;
            });
        }
        for (Future<TestContext> f : pool.invokeAll(jobs)) {
            var first = decisions(f.get()).getFirst();
            assertThat(first.chosen()).isEqualTo("claude");
            assertThat(entry(first, "groq").get("excluded").asString()).startsWith("cooling down for 1000 ms (rate_limited)");
        }
        pool.close();
        assertThat(requests("groq")).isEqualTo(groqBefore + 1);

        // once its Retry-After has passed, groq is chosen again
        clock.advance(Duration.ofMillis(1001));
        var after = new TestContext();
        run("{\"preset\":\"cost\"}", after);
        assertThat(decisions(after).getFirst().chosen()).isEqualTo("groq");
        assertThat(state.snapshot().cooldowns()).isEmpty();
    }

    /** The test's context, with the router's clock moving 50 ms after each token: streaming "takes" exactly that long. */
    record Ticking(TestContext inner, dev.catalyst.testkit.ManualClock clock) implements dev.catalyst.core.exec.NodeContext {
        @Override public String runId() { return inner.runId(); }
        @Override public String nodeId() { return inner.nodeId(); }
        @Override public Map<String, JsonNode> workflowInputs() { return inner.workflowInputs(); }
        @Override public Map<String, JsonNode> nodeOutputs() { return inner.nodeOutputs(); }
        @Override public dev.catalyst.core.secrets.SecretStore secrets() { return inner.secrets(); }
        @Override public dev.catalyst.core.exec.Cancellation cancellation() { return inner.cancellation(); }
        @Override public java.time.Instant deadline() { return inner.deadline(); }
        @Override public dev.catalyst.core.catalog.ModelCatalog catalog() { return inner.catalog(); }
        @Override public void emit(RunEvent event) { inner.emit(event); }

        @Override
        public void token(String text) {
            inner.token(text);
            clock.advance(Duration.ofMillis(50));
        }
    }

    @Test
    void learnedLatencyIsMeasuredOnTheRoutersClock() throws Exception {
        var ctx = new TestContext();
        var inputs = new HashMap<String, JsonNode>();
        inputs.put("prompt", Json.valueToTree("Tell me about otters"));
        inputs.put("models", handles());
        NodeOutput out = router(new Random(1)).execute(new NodeCall("router", "llmRouter", (ObjectNode) Json.parse("{\"preset\":\"cost\"}"),
                inputs, new Ticking(ctx, clock)));
        int tokens = ctx.tokens.size();
        assertThat(tokens).isGreaterThan(1);
        // the first token came before the clock moved; the stream then took 50 ms per token on that clock
        assertThat(out.ttftMs()).isZero();
        RouterState.LatencyStats stats = state.latency("groq/openai/gpt-oss-20b@groq").orElseThrow();
        assertThat(stats.samples()).isEqualTo(1);
        assertThat(stats.ttftMs()).isZero();
        assertThat(stats.outputTokensPerS()).isCloseTo(out.usage().outputTokens() * 1000.0 / (50.0 * tokens), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void repeatedFailuresWithinTheWindowCoolADeploymentDown() throws Exception {
        for (int i = 0; i < 3; i++) {
            fakes.groq.enqueue(Fault.HTTP_500);
            var ctx = new TestContext();
            run("{\"preset\":\"cost\",\"fallback\":[\"gpt\"]}", ctx);
            assertThat(decisions(ctx)).extracting(RunEvent.RouterDecision::chosen).containsExactly("groq", "gpt");
            assertThat(decisions(ctx).get(1).reason()).isEqualTo("fallback:server_error");
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(state.cooldown("groq/openai/gpt-oss-20b@groq")).get()
                .satisfies(c -> assertThat(c.reason()).startsWith("3 failures within 60 s"));
        assertThat(state.snapshot().latency()).extracting(RouterState.LatencyStats::deployment).contains("openai/gpt-6.1-sol@openai");
    }

    @Test
    void noFallbackAfterTheFirstToken() throws Exception {
        fakes.groq.enqueue(Fault.CUT_MID_STREAM);
        int claudeBefore = requests("anthropic");
        var ctx = new TestContext();
        assertThatThrownBy(() -> run("{\"preset\":\"cost\"}", ctx)).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.STREAM_INTERRUPTED);
            assertThat(e.partialText()).isNotEmpty().isEqualTo(ctx.text());
            assertThat(e.getMessage()).contains("not switching models");
        });
        assertThat(decisions(ctx)).hasSize(1);
        assertThat(requests("anthropic")).isEqualTo(claudeBefore);
    }

    @Test
    void restartOnInterruptTellsTheClientAndStartsAnotherCandidate() throws Exception {
        fakes.groq.enqueue(Fault.CUT_MID_STREAM);
        var ctx = new TestContext();
        NodeOutput out = run("{\"preset\":\"cost\",\"restartOnInterrupt\":true}", ctx);
        var d = decisions(ctx);
        assertThat(d).extracting(RunEvent.RouterDecision::chosen).containsExactly("groq", "claude");
        assertThat(d.get(1).reason()).isEqualTo("restart_after_interrupt");
        String answer = out.values().get("text").asString();
        assertThat(ctx.text()).endsWith(answer).hasSizeGreaterThan(answer.length());
        JsonNode broken = out.values().at("/decision/attempts/0");
        assertThat(broken.path("outcome").asString()).isEqualTo("interrupted");
        assertThat(broken.path("estimated").asBoolean()).isTrue();
        assertThat(broken.at("/usage/outputTokens").asLong()).isPositive();
        // the node's cost is the answer's plus what the broken attempt was billed
        assertThat(out.costUsd()).isEqualByComparingTo(out.values().at("/decision/attempts/1/costUsd").decimalValue()
                .add(broken.path("costUsd").decimalValue()));
    }

    @Test
    void invalidRequestDoesNotFallBack() {
        fakes.groq.enqueueJson(400, "{\"error\":{\"message\":\"'temperature' must be at most 2\",\"type\":\"invalid_request_error\"}}");
        int claudeBefore = requests("anthropic");
        var ctx = new TestContext();
        assertThatThrownBy(() -> run("{\"preset\":\"cost\"}", ctx))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        assertThat(decisions(ctx)).hasSize(1);
        assertThat(requests("anthropic")).isEqualTo(claudeBefore);
    }

    @Test
    void aContentFilterStopAfterTokensStaysContentFilteredEvenWithRestartOn() {
        String chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"openai/gpt-oss-20b\","
                + "\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}]}\n\n";
        fakes.groq.enqueueSse(chunk.formatted("{\"role\":\"assistant\",\"content\":\"Once upon\"}", "null")
                + chunk.formatted("{}", "\"content_filter\"") + "data: [DONE]\n\n");
        int claudeBefore = requests("anthropic");
        var ctx = new TestContext();
        assertThatThrownBy(() -> run("{\"preset\":\"cost\",\"restartOnInterrupt\":true}", ctx)).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONTENT_FILTERED);
            assertThat(e.partialText()).isEqualTo("Once upon");
        });
        assertThat(decisions(ctx)).hasSize(1);
        assertThat(requests("anthropic")).isEqualTo(claudeBefore);
    }

    @Test
    void aTooLongPromptSkipsSmallContextModels() throws Exception {
        var ctx = new TestContext();
        String longPrompt = "otter ".repeat(60_000);
        run("{\"preset\":\"cost\",\"maxTokens\":60000}", ctx, handles(), longPrompt);
        var d = decisions(ctx).getFirst();
        assertThat(entry(d, "groq").get("excluded").asString()).startsWith("context window 131072 too small");
        assertThat(d.chosen()).isEqualTo("claude");
        assertThat(fakes.anthropic.lastRequest().json().path("max_tokens").asInt()).isEqualTo(60000);
    }

    @Test
    void contextLengthExceededFallsBackToALargerWindow() throws Exception {
        fakes.groq.enqueueJson(400, "{\"error\":{\"message\":\"Please reduce the length of the messages.\",\"type\":\"invalid_request_error\","
                + "\"code\":\"context_length_exceeded\"}}");
        ArrayNode models = handles();
        models.add(handle("groq120", "groq", "openai/gpt-oss-120b"));
        var ctx = new TestContext();
        run("{\"preset\":\"cost\",\"fallback\":[\"groq120\",\"gpt\"]}", ctx, models, "hi");
        var d = decisions(ctx);
        assertThat(d).extracting(RunEvent.RouterDecision::chosen).containsExactly("groq", "gpt");
        assertThat(d.get(1).reason()).isEqualTo("fallback:context_length_exceeded");
        assertThat(entry(d.get(1), "groq120").get("excluded").asString()).contains("not larger than the 131072");
    }

    @Test
    void maxAttemptsExhaustedFailsWithTheLastError() {
        fakes.groq.enqueue(Fault.HTTP_529_OVERLOADED);
        fakes.anthropic.enqueue(Fault.HTTP_500);
        var ctx = new TestContext();
        assertThatThrownBy(() -> run("{\"preset\":\"cost\",\"maxAttempts\":2}", ctx)).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERVER_ERROR);
            assertThat(e.getMessage()).contains("gave up after 2 attempt(s), maxAttempts 2 reached");
        });
        assertThat(decisions(ctx)).extracting(RunEvent.RouterDecision::reason).containsExactly("preset:cost", "fallback:overloaded");
    }

    @Test
    void runningOutOfCandidatesFailsWithTheLastErrorAndSaysWhy() {
        fakes.groq.enqueue(Fault.HTTP_500);
        fakes.anthropic.enqueue(Fault.HTTP_500);
        fakes.openai.enqueue(Fault.HTTP_500);
        var ctx = new TestContext();
        assertThatThrownBy(() -> run("{\"preset\":\"cost\",\"maxAttempts\":5}", ctx)).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERVER_ERROR);
            assertThat(e.getMessage()).contains("after 3 attempt(s), no usable candidate left (groq: already tried");
        });
        assertThat(decisions(ctx)).hasSize(4);
        assertThat(decisions(ctx).getLast().chosen()).isNull();
    }

    @Test
    void aSpentBudgetStopsTheFallbackChain() {
        fakes.groq.enqueue(Fault.HANG);
        var ctx = new TestContext();
        assertThatThrownBy(() -> run("{\"preset\":\"cost\",\"budgetMs\":300}", ctx)).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(e.getMessage()).contains("budgetMs 300 spent");
        });
        assertThat(decisions(ctx)).hasSize(1);
    }

    @Test
    void noUsableCandidateListsWhyEachWasExcluded() throws Exception {
        var ctx = new TestContext(new EnvSecretStore(Map.of("OPENAI_API_KEY", Fakes.KEY.reveal())));
        ArrayNode models = Json.array();
        models.add(handle("groq", "groq", "openai/gpt-oss-20b"));
        models.add(handle("old", "openai", "gpt-4"));
        models.add(handle("sonnet", "anthropic", "claude-sonnet-5-5"));
        models.add(handle("huge", "openai", "gpt-6.1-sol"));
        models.get(3).withObject("params").put("maxTokens", 200_000);
        assertThatThrownBy(() -> run("{\"require\":[\"json_mode\"]}", ctx, models, "hi")).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_CANDIDATE);
            assertThat(e.getMessage()).contains("groq: no credential named 'groq'")
                    .contains("old: model is retired")
                    .contains("sonnet: no credential named 'anthropic'")
                    .contains("huge: maxTokens 200000 is above the model's output limit 128000");
        });
        var d = decisions(ctx).getFirst();
        assertThat(d.chosen()).isNull();
        assertThat(d.reason()).isEqualTo("no_candidate");

        var withKeys = new TestContext();
        ArrayNode two = Json.array();
        two.add(handle("sonnet", "anthropic", "claude-sonnet-5-5"));
        two.add(handle("groq", "groq", "openai/gpt-oss-20b"));
        run("{\"preset\":\"quality\",\"require\":[\"json_mode\"]}", withKeys, two, "hi");
        assertThat(entry(decisions(withKeys).getFirst(), "sonnet").get("excluded").asString()).isEqualTo("model does not support json_mode");
        assertThat(decisions(withKeys).getFirst().chosen()).isEqualTo("groq");
    }

    @Test
    void inlineCandidatesAndTheRoutersOwnOverrides() throws Exception {
        var ctx = new TestContext();
        String cfg = "{\"preset\":\"cost\",\"maxTokens\":77,\"stream\":false,\"candidates\":[{\"provider\":\"openai\",\"model\":\"gpt-6-luna\","
                + "\"params\":{\"temperature\":0.2}},{\"provider\":\"anthropic\",\"model\":\"claude-opus-5-5\"}]}";
        NodeOutput out = run(cfg, ctx, null, "hi");
        assertThat(decisions(ctx).getFirst().chosen()).isEqualTo("openai/gpt-6-luna");
        var sent = fakes.openai.lastRequest().json();
        assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(77);
        assertThat(sent.path("stream").asBoolean(false)).isFalse();
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(ctx.tokens).containsExactly(out.values().get("text").asString());
    }

    @Test
    void noCandidatesAtAllIsNoCandidate() {
        assertThatThrownBy(() -> run("{}", new TestContext(), null, "hi")).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_CANDIDATE);
            assertThat(e.getMessage()).contains("wire completion nodes");
        });
        assertThatThrownBy(() -> run("{}", new TestContext(), Json.parse("[{\"provider\":\"groq\"}]"), "hi"))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.getMessage()).contains("models[0] needs a provider and a model"));
    }

    @Test
    void explorationIsDeterministicUnderASeededRandom() throws Exception {
        state.succeeded("groq/openai/gpt-oss-20b@groq", 5, 10, 100);
        List<String> first = decide(new Random(42), 0.5);
        List<String> second = decide(new Random(42), 0.5);
        assertThat(second).isEqualTo(first);
        assertThat(first).contains("explore:speed/claude", "explore:speed/gpt", "preset:speed/groq");
        assertThat(decide(new Random(42), 0)).containsOnly("preset:speed/groq");
        assertThat(decide(new Random(7), 1)).allMatch(r -> r.startsWith("explore:speed/")).noneMatch(r -> r.endsWith("/groq"));
        state = new RouterState(clock, RouterState.Settings.defaults());
        assertThat(decide(new Random(42), 1)).as("before any observation the catalog decides").containsOnly("preset:speed/groq");
    }

    /** Twenty speed decisions over a fixed state: reason/chosen of each. */
    private List<String> decide(RandomGenerator random, double exploration) throws Exception {
        ObjectNode raw = (ObjectNode) Json.parse("{\"preset\":\"speed\",\"exploration\":" + exploration + "}");
        RouterConfig cfg = RouterConfig.read(raw, TYPE.withDefaults(raw));
        var candidates = Candidates.read(handles(), null, dev.catalyst.core.catalog.ModelCatalog.builtIn());
        var decider = new Decider(cfg, RouterRequest.of(null, Json.valueToTree("hi"), null, java.util.Set.of()), state, random, n -> true,
                completions.keySet());
        var out = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            var d = decider.first(candidates, -1, null);
            out.add(d.reason() + "/" + d.chosen().id());
        }
        return out;
    }

    @Test
    void anExploredDeploymentIsCalledAndLearned() throws Exception {
        state.succeeded("groq/openai/gpt-oss-20b@groq", 5, 10, 100);
        var ctx = new TestContext();
        run("{\"preset\":\"speed\",\"exploration\":1}", ctx);
        var d = decisions(ctx).getFirst();
        assertThat(d.reason()).isEqualTo("explore:speed");
        assertThat(d.chosen()).isIn("claude", "gpt");
        assertThat(entry(d, "groq").get("latency").asString()).isEqualTo("observed");
        assertThat(state.snapshot().latency()).hasSize(2);
    }

    @Test
    void aRejectedKeyFallsBackButDoesNotCoolTheDeploymentDown() throws Exception {
        fakes.groq.enqueue(Fault.HTTP_401);
        var ctx = new TestContext();
        run("{\"preset\":\"cost\"}", ctx);
        assertThat(decisions(ctx)).extracting(RunEvent.RouterDecision::reason).containsExactly("preset:cost", "fallback:auth");
        assertThat(state.snapshot().cooldowns()).isEmpty();
    }

    @Test
    void aCancelledRunStopsBeforeAnyAttempt() {
        var ctx = new TestContext();
        ctx.cancellation().cancel("user");
        int before = requests("groq");
        assertThatThrownBy(() -> run("{\"preset\":\"cost\"}", ctx))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
        assertThat(requests("groq")).isEqualTo(before);
        assertThat(decisions(ctx)).isEmpty();
    }

    @Test
    void toolHistoryAndImagesAreNeedsOfTheRequest() throws Exception {
        var messages = Json.parse("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this?\"},"
                + "{\"type\":\"image\",\"source\":{}}]},{\"role\":\"assistant\",\"content\":null,\"toolCalls\":[{\"id\":\"c1\","
                + "\"name\":\"look\",\"arguments\":{}}]},{\"role\":\"tool\",\"toolCallId\":\"c1\",\"content\":\"a cat\"}]");
        RouterRequest req = RouterRequest.of(messages, null, 100, java.util.Set.of("json_mode"));
        assertThat(req.needs()).containsExactlyInAnyOrder("tools", "vision", "json_mode");
        ObjectNode vars = req.variables();
        assertThat(vars.get("hasTools").asBoolean()).isTrue();
        assertThat(vars.get("hasImages").asBoolean()).isTrue();
        assertThat(vars.get("maxTokens").asInt()).isEqualTo(100);
        assertThat(vars.get("prompt").asString()).isEqualTo("what is this?");
        assertThat(vars.get("promptTokens").asLong()).isPositive();
        // groq's gpt-oss-20b has no vision: it is filtered before it is called
        var ctx = new TestContext();
        var inputs = Map.<String, JsonNode>of("messages", messages, "models", handles());
        var node = router(new Random(1));
        NodeOutput out = node.execute(new NodeCall("router", "llmRouter", (ObjectNode) Json.parse("{\"preset\":\"cost\"}"), inputs, ctx));
        assertThat(out.values().get("text").asString()).isNotBlank();
        assertThat(entry(decisions(ctx).getFirst(), "groq").get("excluded").asString()).isEqualTo("model does not support vision");
        assertThat(decisions(ctx).getFirst().chosen()).isEqualTo("claude");
    }

    @Test
    void latencyIsAMovingAverageAndSpeedIsKeptWhenASampleCannotMeasureIt() {
        String d = "openai/gpt-6.1-sol@openai";
        state.succeeded(d, 100, 100, 0);
        assertThat(state.latency(d)).get().satisfies(s -> assertThat(s.outputTokensPerS()).isNull());
        state.succeeded(d, 200, 1200, 101);
        state.succeeded(d, 300, 300, 1);
        assertThat(state.latency(d)).get().satisfies(s -> {
            assertThat(s.samples()).isEqualTo(3);
            // ttft: 100 -> 130 -> 181 with alpha 0.3; speed measured once: 101 tokens in 1 s
            assertThat(s.ttftMs()).isCloseTo(181, org.assertj.core.data.Offset.offset(0.001));
            assertThat(s.outputTokensPerS()).isCloseTo(101, org.assertj.core.data.Offset.offset(0.001));
        });
    }

    @Test
    void statusSnapshotShowsCooldownsAndLearnedLatencyAsJson() throws Exception {
        fakes.groq.enqueue(Fault.HTTP_429_RETRY_AFTER_MS);
        run("{\"preset\":\"cost\"}", new TestContext());
        JsonNode status = Json.valueToTree(state.snapshot());
        assertThat(status.at("/cooldowns/0/deployment").asString()).isEqualTo("groq/openai/gpt-oss-20b@groq");
        assertThat(status.at("/cooldowns/0/reason").asString()).isEqualTo("rate_limited");
        assertThat(status.at("/latency/0/deployment").asString()).isEqualTo("anthropic/claude-haiku-5-5@anthropic");
        assertThat(status.at("/latency/0/samples").asLong()).isEqualTo(1);
        assertThat(status.has("at")).isTrue();
    }
}
