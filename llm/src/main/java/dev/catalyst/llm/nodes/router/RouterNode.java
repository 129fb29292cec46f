package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeContext;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.expr.ExpressionException;
import dev.catalyst.core.expr.ExpressionScope;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The llmRouter node. Each attempt: decide (filters, rules, preset, fallback list), emit a
 * {@code router.decision}, and run the chosen candidate through its provider's completion node
 * with retries off (the router owns them). Failures before the first token move on to another
 * candidate within {@code maxAttempts} and {@code budgetMs}; after the first token the node fails
 * with stream_interrupted unless {@code restartOnInterrupt} is on. See docs/router.md.
 */
public final class RouterNode implements NodeExecutor {
    private final NodeType type;
    private final Map<String, NodeExecutor> completions;
    private final RouterState state;
    private final ExpressionService expressions;
    private final RandomGenerator random;

    /**
     * @param completions the completion node executor of each provider, by provider name
     * @param random      draws exploration choices; must be safe to share between threads
     */
    public RouterNode(NodeType type, Map<String, NodeExecutor> completions, RouterState state, ExpressionService expressions,
                      RandomGenerator random) {
        this.type = type;
        this.completions = Map.copyOf(completions);
        this.state = state;
        this.expressions = expressions;
        this.random = random;
    }

    /** What became of one attempt, for the decision output. */
    private record Attempt(int number, Candidate candidate, String reason, String outcome, ErrorCode error, Usage usage, BigDecimal costUsd,
                           boolean estimated) {}

    @Override
    public NodeOutput execute(NodeCall call) throws NodeException, InterruptedException {
        NodeContext ctx = call.context();
        String nodeId = call.nodeId();
        ObjectNode raw = call.config() == null ? Json.object() : call.config();
        RouterConfig cfg = RouterConfig.read(raw, type.withDefaults(raw));
        List<Candidate> candidates = Candidates.read(call.input("models"), raw.get("candidates"), ctx.catalog());
        RouterRequest req = RouterRequest.of(call.input("messages"), call.input("prompt"), cfg.maxTokens(), cfg.require());
        var decider = new Decider(cfg, req, state, random, name -> ctx.secrets().has(name), completions.keySet());

        long start = state.clock().millis();
        // the budget bounds provider calls, so it keeps the wall time their deadlines and the engine's use
        Instant budgetEnd = Instant.now().plusMillis(cfg.budgetMs());
        if (ctx.deadline() != null && ctx.deadline().isBefore(budgetEnd)) budgetEnd = ctx.deadline();

        Set<String> tried = new LinkedHashSet<>();
        var attempts = new java.util.ArrayList<Attempt>();
        NodeException last = null;
        Long mustExceedWindow = null;
        String nextReason = null;
        String gaveUp = "maxAttempts " + cfg.maxAttempts() + " reached";
        for (int n = 1; n <= cfg.maxAttempts(); n++) {
            ctx.cancellation().throwIfCancelled();
            if (n > 1 && !Instant.now().isBefore(budgetEnd)) {
                gaveUp = "budgetMs " + cfg.budgetMs() + " spent";
                break;
            }
            Decider.Decision d = n == 1 ? firstDecision(ctx, cfg, req, candidates, decider)
                    : decider.next(candidates, tried, mustExceedWindow, nextReason);
            ctx.emit(new RunEvent.RouterDecision(nodeId, d.chosen() == null ? null : d.chosen().id(), d.reason(), d.candidatesJson(), n));
            if (d.chosen() == null) {
                if (last == null) {
                    throw new NodeException(ErrorCode.NO_CANDIDATE, "no usable candidate: " + d.exclusions());
                }
                gaveUp = "no usable candidate left (" + d.exclusions() + ")";
                break;
            }
            Candidate c = d.chosen();
            tried.add(c.id());
            var actx = new AttemptContext(ctx, budgetEnd, state.clock());
            NodeOutput out;
            try {
                out = completions.get(c.provider()).execute(new NodeCall(nodeId, c.provider() + "Completion", attemptConfig(c, cfg),
                        attemptInputs(call), actx));
            } catch (NodeException e) {
                last = e;
                AfterFailure next = afterFailure(e.code());
                // a stop (content filter, cancellation) stays what it is even after tokens; provider trouble after them is an interruption
                boolean interrupted = e.code() == ErrorCode.STREAM_INTERRUPTED
                        || (next != AfterFailure.STOP && (actx.sawToken() || (e.partialText() != null && !e.partialText().isEmpty())));
                if (interrupted) {
                    String partial = e.partialText() != null && !e.partialText().isEmpty() ? e.partialText() : actx.text();
                    state.failed(c.deployment(), e.code(), e.retryAfterMs());
                    Usage billed = Usage.of(TokenCounter.forProvider(c.provider(), req.promptTokens()), TokenCounter.count(partial), 0);
                    attempts.add(new Attempt(n, c, d.reason(), "interrupted", e.code(), billed, cost(c, billed), true));
                    if (!cfg.restartOnInterrupt()) {
                        throw new NodeException(ErrorCode.STREAM_INTERRUPTED, c.id()
                                + " broke off after its first token; not switching models mid-answer: " + e.getMessage(), partial, null, e);
                    }
                    nextReason = "restart_after_interrupt";
                    continue;
                }
                attempts.add(new Attempt(n, c, d.reason(), "failed", e.code(), null, null, false));
                switch (next) {
                    case FALLBACK -> {
                        if (health(e.code())) state.failed(c.deployment(), e.code(), e.retryAfterMs());
                        nextReason = "fallback:" + e.code().wireName();
                    }
                    case LARGER_WINDOW -> {
                        Long w = c.window();
                        if (w != null && (mustExceedWindow == null || w > mustExceedWindow)) mustExceedWindow = w;
                        nextReason = "fallback:" + e.code().wireName();
                    }
                    case STOP -> throw e;
                }
                continue;
            }
            long totalMs = Math.max(0, state.clock().millis() - actx.startMillis());
            state.succeeded(c.deployment(), actx.ttftMs(), totalMs, out.usage() == null ? 0 : out.usage().outputTokens());
            attempts.add(new Attempt(n, c, d.reason(), "answered", null, out.usage(), out.costUsd(), false));
            Long ttft = actx.sawToken() ? Math.max(0, actx.firstTokenMillis() - start) : out.ttftMs();
            return answer(out, c, d.reason(), attempts, ttft);
        }
        throw new NodeException(last.code(), "gave up after " + attempts.size() + " attempt(s), " + gaveUp
                + "; last error: " + last.getMessage(), last.partialText(), last.retryAfterMs(), last);
    }

    private Decider.Decision firstDecision(NodeContext ctx, RouterConfig cfg, RouterRequest req, List<Candidate> candidates,
                                           Decider decider) throws NodeException {
        if (cfg.rules().isEmpty()) return decider.first(candidates, -1, null);
        ObjectNode vars = req.variables();
        // bare names are the workflow's inputs, as in templates; 'request' (and 'input') is the request
        var bare = new HashMap<>(ctx.workflowInputs());
        bare.put("request", vars);
        var scope = new ExpressionScope(ctx.workflowInputs(), ctx.nodeOutputs(), bare, vars);
        for (RouterConfig.Rule rule : cfg.rules()) {
            boolean holds;
            try {
                holds = expressions.test(expressions.compile(rule.when()), scope);
            } catch (ExpressionException e) {
                throw new NodeException(ErrorCode.EXPRESSION_ERROR, "config.rules[" + rule.index() + "].when: " + e.describe());
            }
            if (!holds) continue;
            if (candidates.stream().noneMatch(c -> c.id().equals(rule.use()))) {
                throw new NodeException(ErrorCode.INVALID_REQUEST, "config.rules[" + rule.index() + "].use '" + rule.use()
                        + "' is not one of its candidates (" + String.join(", ", candidates.stream().map(Candidate::id).toList()) + ")");
            }
            return decider.first(candidates, rule.index(), rule.use());
        }
        return decider.first(candidates, -1, null);
    }

    /** What a failure before the first token leads to. */
    enum AfterFailure { FALLBACK, LARGER_WINDOW, STOP }

    /**
     * Provider-side trouble moves on; the caller's own mistakes, safety stops and cancellation do
     * not (another model would fail the same way, or should not be asked). Auth, permission and
     * model_not_found belong to one deployment's setup, so another deployment may still answer.
     */
    static AfterFailure afterFailure(ErrorCode code) {
        return switch (code) {
            case RATE_LIMITED, OVERLOADED, SERVER_ERROR, TIMEOUT, AUTH, PERMISSION, MODEL_NOT_FOUND -> AfterFailure.FALLBACK;
            case CONTEXT_LENGTH_EXCEEDED -> AfterFailure.LARGER_WINDOW;
            case INVALID_REQUEST, CONTENT_FILTERED, STREAM_INTERRUPTED, CANCELLED, INTERRUPTED, VALIDATION_FAILED, EXPRESSION_ERROR,
                 NO_CANDIDATE -> AfterFailure.STOP;
        };
    }

    /** Failures that say something about the deployment's health (and count toward its cooldown). */
    private static boolean health(ErrorCode code) {
        return code == ErrorCode.RATE_LIMITED || code == ErrorCode.OVERLOADED || code == ErrorCode.SERVER_ERROR || code == ErrorCode.TIMEOUT;
    }

    /** The candidate's own config, with the router's overrides; retries off because the router decides what comes next. */
    private static ObjectNode attemptConfig(Candidate c, RouterConfig cfg) {
        ObjectNode config = c.params().deepCopy();
        config.put("model", c.model());
        config.put("credential", c.credential());
        config.put("maxRetries", 0);
        if (cfg.maxTokens() != null) config.put("maxTokens", cfg.maxTokens());
        if (cfg.stream() != null) config.put("stream", cfg.stream());
        return config;
    }

    private static Map<String, JsonNode> attemptInputs(NodeCall call) {
        var in = new HashMap<String, JsonNode>();
        if (call.input("messages") != null) in.put("messages", call.input("messages"));
        if (call.input("prompt") != null) in.put("prompt", call.input("prompt"));
        return in;
    }

    private static BigDecimal cost(Candidate c, Usage usage) {
        return c.info() == null ? null : ModelCatalog.cost(c.info(), usage);
    }

    /**
     * The answering attempt's output, plus {@code decision}. Usage is the answering attempt's;
     * cost adds the billed (estimated) cost of attempts that broke off after producing tokens.
     */
    private static NodeOutput answer(NodeOutput out, Candidate chosen, String reason, List<Attempt> attempts, Long ttftMs) {
        ObjectNode values = out.values().deepCopy();
        values.remove("model");
        BigDecimal total = out.costUsd();
        ObjectNode decision = values.putObject("decision");
        decision.put("chosen", chosen.id());
        decision.put("provider", chosen.provider());
        decision.put("model", chosen.model());
        decision.put("reason", reason);
        decision.put("attempt", attempts.size());
        ArrayNode list = decision.putArray("attempts");
        for (Attempt a : attempts) {
            ObjectNode o = list.addObject();
            o.put("attempt", a.number());
            o.put("candidate", a.candidate().id());
            o.put("reason", a.reason());
            o.put("outcome", a.outcome());
            if (a.error() != null) o.put("error", a.error().wireName());
            if (a.usage() != null) o.set("usage", Json.valueToTree(a.usage()));
            if (a.costUsd() != null) o.put("costUsd", a.costUsd());
            if (a.estimated()) o.put("estimated", true);
            if (!a.outcome().equals("answered") && a.costUsd() != null) total = total == null ? a.costUsd() : total.add(a.costUsd());
        }
        if (total != null) decision.put("costUsd", total);
        return new NodeOutput(values, out.usage(), total, ttftMs, out.responseModel());
    }
}
