package dev.catalyst.engine;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.SecretStore;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.core.template.TemplateScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run of a plan. A single coordinator thread owns the schedule: it starts each node once its
 * upstream nodes are done and reacts to how nodes end. Nodes run on their own virtual threads and
 * report back through an inbox, so no scheduling state is shared between threads. The run's start
 * ({@link #begin()}: {@code run.started}, the root nodes' threads) happens on the thread that
 * starts the run, before the coordinator's thread exists, so the first node does not wait for the
 * coordinator to be scheduled (ADR 20); starting that thread hands the state over.
 */
final class RunExecution implements Runnable {
    /** A message to the coordinator: a node ended, or someone asked to cancel. */
    private sealed interface Message {}

    private record Ended(NodeRun.Outcome outcome) implements Message {}

    private record CancelRequested() implements Message {}

    private final Plan plan;
    private final String runId;
    private final Map<String, JsonNode> inputs;
    private final Engine engine;
    private final GatedSink sink;
    private final Cancellation cancellation = new Cancellation();
    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final Map<String, JsonNode> outputs = new ConcurrentHashMap<>();
    private final Map<String, NodeRun> running = new HashMap<>();
    private final Map<String, NodeMetrics> metrics = new ConcurrentHashMap<>();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final Map<String, Integer> waiting = new HashMap<>();
    private Throwable beginFailure; // set by begin(), read by the coordinator after Thread.start

    RunExecution(Engine engine, Plan plan, String runId, Map<String, JsonNode> inputs, RunEventSink sink) {
        this.engine = engine;
        this.plan = plan;
        this.runId = runId;
        this.inputs = inputs;
        this.sink = new GatedSink(sink);
    }

    String runId() { return runId; }
    Map<String, JsonNode> inputs() { return inputs; }
    Map<String, JsonNode> outputs() { return outputs; }
    RunEventSink sink() { return sink; }
    Cancellation cancellation() { return cancellation; }
    SecretStore secrets() { return engine.secrets(); }
    ModelCatalog catalog() { return engine.catalog(); }
    EngineOptions options() { return engine.options(); }
    DeadlineTimer deadlines() { return engine.deadlines(); }
    NodeExecutor executor(String type) { return engine.executor(type); }
    CompletableFuture<RunResult> result() { return result; }

    void report(NodeRun.Outcome outcome) {
        inbox.add(new Ended(outcome));
    }

    /**
     * Starts the run on the caller's thread: {@code run.started}, then the root nodes. Called once,
     * before the coordinator's thread is started; a failure here is the coordinator's to report.
     */
    void begin() {
        try {
            dev.catalyst.core.exec.PathMark.mark(runId, "run.begin");
            sink.emit(new RunEvent.RunStarted(runId, plan.workflow().id()));
            cancellation.onCancel(() -> inbox.add(new CancelRequested()));
            plan.nodes().forEach((id, n) -> waiting.put(id, n.upstream().size()));
            if (!cancellation.isCancelled()) plan.roots().forEach(this::launch);
        } catch (Throwable t) {
            beginFailure = t;
        }
    }

    @Override
    public void run() {
        try {
            if (beginFailure != null) throw beginFailure;
            result.complete(execute());
        } catch (Throwable t) {
            var error = new RunEvent.ErrorInfo(ErrorCode.SERVER_ERROR, "run stopped unexpectedly: " + t.getClass().getSimpleName(),
                    true, null, null);
            sink.terminal(new RunEvent.RunFailed(runId, error));
            result.complete(new RunResult(runId, RunStatus.FAILED, null, error, metricsInOrder()));
        }
    }

    private RunResult execute() throws InterruptedException {
        dev.catalyst.core.exec.PathMark.mark(runId, "run.thread");
        RunEvent.ErrorInfo failure = null;
        boolean cancelled = cancellation.isCancelled();
        long stopDeadline = cancelled ? graceDeadline() : Long.MAX_VALUE;
        while (!running.isEmpty()) {
            Message m = stopDeadline == Long.MAX_VALUE ? inbox.take()
                    : inbox.poll(Math.max(0, stopDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) break; // grace is over: nodes that ignore cancellation are left behind, their events dropped
            boolean stopping = failure != null || cancelled;
            switch (m) {
                case CancelRequested c -> {
                    if (!stopping) {
                        cancelled = true;
                        stopDeadline = graceDeadline();
                    }
                }
                case Ended e -> {
                    running.remove(e.outcome().nodeId());
                    metrics.put(e.outcome().nodeId(), e.outcome().metrics());
                    switch (e.outcome()) {
                        case NodeRun.Done d -> {
                            outputs.put(d.nodeId(), d.output());
                            if (!stopping) {
                                for (String next : plan.dependents().get(d.nodeId())) {
                                    if (waiting.merge(next, -1, Integer::sum) == 0) launch(plan.nodes().get(next));
                                }
                            }
                        }
                        case NodeRun.Failed f -> {
                            if (!stopping) {
                                failure = f.error();
                                stopDeadline = graceDeadline();
                                cancellation.cancel("node " + f.nodeId() + " failed");
                            }
                        }
                    }
                }
            }
        }
        if (cancelled) {
            String reason = cancellation.reason();
            sink.terminal(new RunEvent.RunCancelled(runId, reason));
            return new RunResult(runId, RunStatus.CANCELLED, null,
                    new RunEvent.ErrorInfo(ErrorCode.CANCELLED, "run cancelled: " + reason, false, null, null), metricsInOrder());
        }
        if (failure != null) {
            var error = new RunEvent.ErrorInfo(failure.code(), failure.message(), failure.retryable(), failure.nodeId(),
                    failure.retryAfterMs());
            sink.terminal(new RunEvent.RunFailed(runId, error));
            return new RunResult(runId, RunStatus.FAILED, null, error, metricsInOrder());
        }
        try {
            ObjectNode rendered = renderOutputs();
            sink.terminal(new RunEvent.RunCompleted(runId, rendered));
            return new RunResult(runId, RunStatus.COMPLETED, rendered, null, metricsInOrder());
        } catch (NodeException e) {
            var error = new RunEvent.ErrorInfo(e.code(), "workflow outputs: " + e.getMessage(), e.retryable(), null, null);
            sink.terminal(new RunEvent.RunFailed(runId, error));
            return new RunResult(runId, RunStatus.FAILED, null, error, metricsInOrder());
        }
    }

    private long graceDeadline() {
        running.values().forEach(n -> n.stop(cancellation.reason()));
        return System.nanoTime() + engine.options().cancelGrace().toNanos();
    }

    private void launch(PlannedNode node) {
        var nodeRun = new NodeRun(this, node);
        running.put(node.id(), nodeRun);
        Thread.ofVirtual().name("node-" + runId + "-" + node.id()).start(nodeRun);
    }

    private ObjectNode renderOutputs() throws NodeException {
        var scope = new TemplateScope(inputs, new HashMap<>(outputs), inputs);
        ObjectNode rendered = Json.object();
        for (var e : plan.outputs().entrySet()) {
            rendered.set(e.getKey(), engine.renderer().evaluate(e.getValue(), scope));
        }
        return rendered;
    }

    java.util.List<NodeMetrics> metricsInOrder() {
        var ordered = new ArrayList<NodeMetrics>();
        for (String id : plan.nodes().keySet()) {
            NodeMetrics m = metrics.get(id);
            if (m != null) ordered.add(m);
        }
        return ordered;
    }

    /** Passes events on until the terminal one; anything a straggling node sends after that is dropped. */
    private static final class GatedSink implements RunEventSink {
        private final RunEventSink target;
        private final AtomicBoolean closed = new AtomicBoolean();

        GatedSink(RunEventSink target) {
            this.target = target;
        }

        @Override
        public synchronized void emit(RunEvent event) {
            if (!closed.get()) target.emit(event);
        }

        synchronized void terminal(RunEvent event) {
            if (closed.compareAndSet(false, true)) target.emit(event);
        }
    }
}
