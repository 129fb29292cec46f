package dev.catalyst.server.observe;

import dev.catalyst.core.events.RunEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's spans, built from its events: a span for the run and a child span per node, with the
 * OpenTelemetry GenAI attributes on model nodes and the router's decisions as span events. It
 * records ids, models, counts, times and error codes only: no prompt, completion or message text
 * (an error's message can quote the upstream answer, so only its code goes out).
 */
final class RunTrace {
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> TTFT_MS = AttributeKey.longKey("catalyst.ttft_ms");
    static final AttributeKey<Long> LATENCY_MS = AttributeKey.longKey("catalyst.latency_ms");
    static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("catalyst.cost_usd");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("catalyst.run.id");
    static final AttributeKey<String> WORKFLOW_ID = AttributeKey.stringKey("catalyst.workflow.id");
    static final AttributeKey<String> NODE_ID = AttributeKey.stringKey("catalyst.node.id");
    static final AttributeKey<String> NODE_TYPE = AttributeKey.stringKey("catalyst.node.type");
    static final AttributeKey<String> CANDIDATE = AttributeKey.stringKey("catalyst.router.candidate");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("catalyst.router.reason");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("catalyst.router.attempt");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("catalyst.router.outcome");

    /** A router decision waiting for its outcome (known at the next decision or at the node's end). */
    private record Decision(Instant at, String candidate, ModelRef model, String reason, int attempt) {}

    private static final class NodeSpan {
        final Span span;
        final List<Decision> decisions = new ArrayList<>();

        NodeSpan(Span span) {
            this.span = span;
        }
    }

    private final Tracer tracer;
    private final Clock clock;
    private final String runId;
    private final Map<String, NodeSpan> nodes = new HashMap<>();
    private Span run;

    RunTrace(Tracer tracer, Clock clock, String runId) {
        this.tracer = tracer;
        this.clock = clock;
        this.runId = runId;
    }

    void runStarted(RunEvent.RunStarted s) {
        run = tracer.spanBuilder("run " + s.workflowId()).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(RUN_ID, runId).setAttribute(WORKFLOW_ID, s.workflowId()).startSpan();
    }

    void nodeStarted(RunEvent.NodeStarted s, ModelRef m) {
        if (run == null) return;
        var b = tracer.spanBuilder(m == null ? "node " + s.nodeId() : m.operation() + " " + m.model())
                .setParent(Context.root().with(run))
                .setSpanKind(m != null || s.type().equals("llmRouter") ? SpanKind.CLIENT : SpanKind.INTERNAL)
                .setAttribute(NODE_ID, s.nodeId()).setAttribute(NODE_TYPE, s.type());
        if (m != null) b.setAttribute(OPERATION, m.operation()).setAttribute(SYSTEM, m.provider()).setAttribute(REQUEST_MODEL, m.model());
        else if (s.type().equals("llmRouter")) b.setAttribute(OPERATION, "chat");
        nodes.put(s.nodeId(), new NodeSpan(b.startSpan()));
    }

    /** @param chosen the chosen candidate's provider and model, null when none was chosen */
    void decision(RunEvent.RouterDecision d, ModelRef chosen) {
        NodeSpan n = nodes.get(d.nodeId());
        if (n == null) return;
        n.decisions.add(new Decision(clock.instant(), d.chosen(), chosen, d.reason(), d.attempt()));
    }

    void nodeCompleted(RunEvent.NodeCompleted c, ModelRef m) {
        NodeSpan n = nodes.remove(c.nodeId());
        if (n == null) return;
        Span span = n.span;
        span.setAttribute(LATENCY_MS, c.latencyMs());
        model(span, m);
        // as the provider named it (a dated snapshot for an alias, say); only on a span that calls a model
        if (m != null && c.responseModel() != null) span.setAttribute(RESPONSE_MODEL, c.responseModel());
        if (c.usage() != null) {
            span.setAttribute(INPUT_TOKENS, c.usage().inputTokens());
            span.setAttribute(OUTPUT_TOKENS, c.usage().outputTokens());
        }
        if (c.ttftMs() != null) span.setAttribute(TTFT_MS, c.ttftMs());
        if (c.costUsd() != null) span.setAttribute(COST_USD, c.costUsd().doubleValue());
        decisions(n, "succeeded");
        span.end();
    }

    void nodeFailed(RunEvent.NodeFailed f, ModelRef m) {
        NodeSpan n = nodes.remove(f.nodeId());
        if (n == null) return;
        model(n.span, m);
        String code = f.error() == null ? "unknown" : f.error().code().wireName();
        n.span.setAttribute(ERROR_TYPE, code);
        n.span.setStatus(StatusCode.ERROR, code);
        decisions(n, "failed");
        n.span.end();
    }

    /** The run ended: its span ends with its status; a node span still open (the run stopped around it) ends too. */
    void runEnded(String status, String errorCode) {
        for (NodeSpan n : nodes.values()) {
            decisions(n, status);
            n.span.setAttribute(ERROR_TYPE, errorCode == null ? status : errorCode);
            n.span.setStatus(StatusCode.ERROR, status);
            n.span.end();
        }
        nodes.clear();
        if (run == null) return;
        if (errorCode != null) {
            run.setAttribute(ERROR_TYPE, errorCode);
            run.setStatus(StatusCode.ERROR, errorCode);
        }
        run.setAttribute(AttributeKey.stringKey("catalyst.run.status"), status);
        run.end();
    }

    // a router node learns its model when it chooses; its span is named then
    private static void model(Span span, ModelRef m) {
        if (m == null) return;
        span.updateName(m.operation() + " " + m.model());
        span.setAttribute(SYSTEM, m.provider());
        span.setAttribute(REQUEST_MODEL, m.model());
        span.setAttribute(OPERATION, m.operation());
    }

    // every decision but the last was followed by another: its attempt failed; the last one ends as the node did
    private static void decisions(NodeSpan n, String lastOutcome) {
        for (int i = 0; i < n.decisions.size(); i++) {
            Decision d = n.decisions.get(i);
            String outcome = d.candidate() == null ? "no_candidate" : i < n.decisions.size() - 1 ? "failed" : lastOutcome;
            var attrs = Attributes.builder().put(REASON, d.reason() == null ? "" : d.reason()).put(ATTEMPT, d.attempt()).put(OUTCOME, outcome);
            if (d.candidate() != null) attrs.put(CANDIDATE, d.candidate());
            if (d.candidate() != null && d.model() != null) attrs.put(SYSTEM, d.model().provider()).put(REQUEST_MODEL, d.model().model());
            n.span.addEvent("router.decision", attrs.build(), d.at());
        }
        n.decisions.clear();
    }
}
