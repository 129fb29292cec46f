package dev.catalyst.engine;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.PathMark;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.SecretStore;
import dev.catalyst.core.template.TemplateScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run of a plan, without a coordinator thread (ADR 24). The schedule (what each node still
 * waits for, what runs, whether the run is stopping or over) sits under one lock owned by the run.
 * The thread of a node that ends updates it itself; when dependents became ready it runs one of
 * them next, on the same virtual thread, and starts threads only for the others, so a linear chain
 * runs on one virtual thread. Whichever thread sees the last node end emits the terminal event;
 * when a stopping run's nodes outlast the grace period, its grace timer does, and the nodes left
 * behind change nothing after that. The run's start ({@link #begin()}) happens on the caller's
 * thread (ADR 20).
 */
final class RunExecution {
    private final Plan plan;
    private final String runId;
    private final Map<String, JsonNode> inputs;
    private final Engine engine;
    private final GatedSink sink;
    private final Cancellation cancellation = new Cancellation();
    private final Map<String, JsonNode> outputs = new ConcurrentHashMap<>();
    private final Map<String, NodeMetrics> metrics = new ConcurrentHashMap<>();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final CountDownLatch over = new CountDownLatch(1); // the grace timer waits on it

    private final Object lock = new Object();
    private final Map<String, Integer> waiting = new HashMap<>(); // guarded by lock
    private final Map<String, NodeRun> running = new HashMap<>(); // guarded by lock
    private RunEvent.ErrorInfo failure; // guarded by lock; the first node failure, which stops the run
    private boolean cancelled; // guarded by lock
    private boolean finished; // guarded by lock; set once, by the one thread that then ends the run

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

    /**
     * Starts the run on the caller's thread: {@code run.started}, the schedule, the root nodes
     * (all but the first on threads of their own). Returns what the run's first thread does: the
     * first root node and whatever it unblocks, or, with nothing to run, the run's end. A failure
     * here is that thread's to report, not the caller's.
     */
    Runnable begin() {
        try {
            PathMark.mark(runId, "run.begin");
            sink.emit(new RunEvent.RunStarted(runId, plan.workflow().id()));
            var roots = new ArrayList<NodeRun>();
            synchronized (lock) {
                plan.nodes().forEach((id, n) -> waiting.put(id, n.upstream().size()));
                if (!cancellation.isCancelled()) plan.roots().forEach(n -> roots.add(claim(n)));
            }
            // after the roots are claimed: a cancel that came meanwhile runs this at once and stops them
            cancellation.onCancel(this::cancelRequested);
            for (int i = 1; i < roots.size(); i++) startThread(roots.get(i));
            if (roots.isEmpty()) return this::endIfIdle;
            NodeRun first = roots.getFirst();
            return () -> work(first);
        } catch (Throwable t) {
            return () -> failUnexpectedly(t);
        }
    }

    /** Runs {@code first}, then on this same thread each node that the previous one's end made ready. */
    private void work(NodeRun first) {
        try {
            NodeRun next = first;
            while (next != null) next = ended(next.execute());
        } catch (Throwable t) {
            failUnexpectedly(t);
        }
    }

    /**
     * A node ended: records it, claims the dependents that became ready and returns the one this
     * thread runs next (null: none), or ends the run when nothing runs any more.
     */
    private NodeRun ended(NodeRun.Outcome outcome) {
        var ready = new ArrayList<NodeRun>();
        List<NodeRun> toStop = null;
        boolean end;
        synchronized (lock) {
            if (finished) return null; // left behind after the grace period: its end changes nothing
            running.remove(outcome.nodeId());
            metrics.put(outcome.nodeId(), outcome.metrics());
            switch (outcome) {
                case NodeRun.Done d -> {
                    outputs.put(d.nodeId(), d.output());
                    if (!stopping()) {
                        for (String next : plan.dependents().get(d.nodeId())) {
                            if (waiting.merge(next, -1, Integer::sum) == 0) ready.add(claim(plan.nodes().get(next)));
                        }
                    }
                }
                case NodeRun.Failed f -> {
                    if (!stopping()) {
                        failure = f.error();
                        toStop = List.copyOf(running.values());
                    }
                }
            }
            end = running.isEmpty();
            if (end) finished = true;
        }
        if (toStop != null) stop(toStop, "node " + outcome.nodeId() + " failed", !end);
        if (end) {
            end();
            return null;
        }
        for (int i = 1; i < ready.size(); i++) startThread(ready.get(i));
        return ready.isEmpty() ? null : ready.getFirst();
    }

    /** The run's cancellation callback: stops what runs, unless the run is already stopping or over. */
    private void cancelRequested() {
        List<NodeRun> toStop;
        synchronized (lock) {
            if (finished || stopping()) return;
            cancelled = true;
            // nothing running while not over happens only inside begin(); the run's first thread then ends it
            toStop = List.copyOf(running.values());
        }
        if (!toStop.isEmpty()) stop(toStop, cancellation.reason(), true);
    }

    /** Stops running nodes (and, through the run's cancellation, anything else listening). */
    private void stop(List<NodeRun> nodes, String reason, boolean waitForThem) {
        if (waitForThem) startGraceTimer();
        nodes.forEach(n -> n.stop(reason));
        cancellation.cancel(reason);
    }

    /** Ends the run once the grace period is over, with or without the nodes that ignore their stop. */
    private void startGraceTimer() {
        long grace = engine.options().cancelGrace().toNanos();
        Thread.ofVirtual().name("run-" + runId + "-grace").start(() -> {
            try {
                if (over.await(grace, TimeUnit.NANOSECONDS)) return;
            } catch (InterruptedException e) {
                // nothing interrupts this thread; end the run as if the time were up
            }
            synchronized (lock) {
                if (finished) return;
                finished = true;
            }
            end();
        });
    }

    /** With no root node to run (an empty plan, or cancelled during begin) the run ends at once. */
    private void endIfIdle() {
        synchronized (lock) {
            if (finished || !running.isEmpty()) return;
            finished = true;
        }
        end();
    }

    private boolean stopping() {
        return failure != null || cancelled;
    }

    private NodeRun claim(PlannedNode node) {
        var nodeRun = new NodeRun(this, node);
        running.put(node.id(), nodeRun);
        return nodeRun;
    }

    private void startThread(NodeRun node) {
        Thread.ofVirtual().name("run-" + runId + "-" + node.id()).start(() -> work(node));
    }

    /** Emits the terminal event and completes the result; called once, by the thread that set {@code finished}. */
    private void end() {
        try {
            result.complete(terminal());
        } catch (Throwable t) {
            result.complete(unexpected(t));
        } finally {
            over.countDown();
        }
    }

    // reads cancelled and failure without the lock: they no longer change once finished is set
    private RunResult terminal() throws NodeException {
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

    /** Something outside a node's own handling broke (the sink, a JVM error): the run fails, and whatever still runs is stopped. */
    private void failUnexpectedly(Throwable t) {
        synchronized (lock) {
            if (finished) return;
            finished = true;
        }
        try {
            result.complete(unexpected(t));
        } finally {
            over.countDown();
            cancellation.cancel("run stopped unexpectedly");
        }
    }

    private RunResult unexpected(Throwable t) {
        var error = new RunEvent.ErrorInfo(ErrorCode.SERVER_ERROR, "run stopped unexpectedly: " + t.getClass().getSimpleName(),
                true, null, null);
        try {
            sink.terminal(new RunEvent.RunFailed(runId, error));
        } catch (RuntimeException ignored) {
            // the sink is what broke; the result still tells the caller
        }
        return new RunResult(runId, RunStatus.FAILED, null, error, metricsInOrder());
    }

    private ObjectNode renderOutputs() throws NodeException {
        var scope = new TemplateScope(inputs, new HashMap<>(outputs), inputs);
        ObjectNode rendered = Json.object();
        for (var e : plan.outputs().entrySet()) {
            rendered.set(e.getKey(), engine.renderer().evaluate(e.getValue(), scope));
        }
        return rendered;
    }

    List<NodeMetrics> metricsInOrder() {
        var ordered = new ArrayList<NodeMetrics>();
        for (String id : plan.nodes().keySet()) {
            NodeMetrics m = metrics.get(id);
            if (m != null) ordered.add(m);
        }
        return ordered;
    }
}
