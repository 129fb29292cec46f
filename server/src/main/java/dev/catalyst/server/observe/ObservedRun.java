package dev.catalyst.server.observe;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.LogFields;
import dev.catalyst.core.workflow.Workflow;
import dev.catalyst.engine.RunEventSink;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one run's events tell the metrics and, when tracing is on, its trace. Tokens are passed
 * over before any lock (time to first token arrives with {@code node.completed}), so the token path
 * costs one type check here. A fault in here is logged and never reaches the run.
 */
final class ObservedRun implements RunEventSink {
    private static final Logger LOG = Logger.getLogger(ObservedRun.class.getName());

    private final String runId;
    private final NodeModels models;
    private final RunMetrics metrics;
    private final RunTrace trace; // null when tracing is off
    private boolean faulted;

    ObservedRun(String runId, Workflow workflow, RunMetrics metrics, RunTrace trace) {
        this.runId = runId;
        this.models = new NodeModels(workflow);
        this.metrics = metrics;
        this.trace = trace;
    }

    @Override
    public void emit(RunEvent event) {
        if (event instanceof RunEvent.Token) return;
        synchronized (this) { // parallel nodes emit from their own threads
            try {
                see(event);
            } catch (RuntimeException e) {
                if (!faulted) {
                    var r = new java.util.logging.LogRecord(Level.WARNING,
                            "observing a run failed on its " + event.name() + " event; its trace or metrics are incomplete");
                    r.setLoggerName(LOG.getName());
                    r.setThrown(e);
                    r.setParameters(new Object[] {LogFields.run(runId)});
                    LOG.log(r);
                }
                faulted = true;
            }
        }
    }

    private void see(RunEvent event) {
        switch (event) {
            case RunEvent.RunStarted s -> {
                if (trace != null) trace.runStarted(s);
            }
            case RunEvent.NodeStarted s -> {
                if (trace != null) trace.nodeStarted(s, models.of(s.nodeId()));
            }
            case RunEvent.Token t -> { }
            case RunEvent.RouterDecision d -> {
                ModelRef tried = models.of(d.nodeId());
                // a decision after the first says why the attempt before it ended: "fallback:<code>", or a restart after an interruption
                if (d.attempt() > 1 && tried != null && d.reason() != null) {
                    if (d.reason().startsWith("fallback:")) metrics.upstreamError(tried, d.reason().substring("fallback:".length()));
                    else if (d.reason().equals("restart_after_interrupt")) metrics.upstreamError(tried, "stream_interrupted");
                }
                models.chose(d);
                if (trace != null) trace.decision(d, d.chosen() == null ? null : models.of(d.nodeId()));
            }
            case RunEvent.NodeCompleted c -> {
                ModelRef m = models.of(c.nodeId());
                if (m != null) m = m.reported(c.output());
                if (m != null) metrics.nodeCompleted(m, c);
                if (trace != null) trace.nodeCompleted(c, m);
            }
            case RunEvent.NodeFailed f -> {
                ModelRef m = models.of(f.nodeId());
                String code = f.error() == null ? "unknown" : f.error().code().wireName();
                if (m != null && !code.equals("cancelled")) metrics.upstreamError(m, code);
                if (trace != null) trace.nodeFailed(f, m);
            }
            case RunEvent.RunCompleted c -> ended("completed", null);
            case RunEvent.RunFailed f -> ended("failed", f.error() == null ? "unknown" : f.error().code().wireName());
            case RunEvent.RunCancelled c -> ended("cancelled", "cancelled");
        }
    }

    private void ended(String status, String errorCode) {
        metrics.runEnded(status);
        if (trace != null) trace.runEnded(status, errorCode);
    }
}
