package dev.catalyst.engine;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.Port;
import dev.catalyst.core.workflow.Edge;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one node on the calling thread and says how it ended; emits its node events. The thread may
 * go on to run other nodes of the run (ADR 24), so a stop interrupts it only while this node's
 * work is on it.
 */
final class NodeRun {
    /** How a node ended, for the run's schedule. */
    sealed interface Outcome {
        String nodeId();
        NodeMetrics metrics();
    }

    record Done(String nodeId, ObjectNode output, NodeMetrics metrics) implements Outcome {}

    record Failed(String nodeId, RunEvent.ErrorInfo error, NodeMetrics metrics) implements Outcome {}

    private final RunExecution run;
    private final PlannedNode node;
    private final Cancellation cancellation = new Cancellation();
    private volatile boolean timedOut;
    private Thread thread; // guarded by this; set only while this node's work runs on it

    NodeRun(RunExecution run, PlannedNode node) {
        this.run = run;
        this.node = node;
    }

    String id() {
        return node.id();
    }

    /** Stops the node: its cancellation callbacks run (aborting I/O), and its thread is interrupted. */
    void stop(String reason) {
        cancellation.cancel(reason);
        synchronized (this) {
            if (thread != null) thread.interrupt();
        }
    }

    /** Runs the node here; an interrupt meant for it does not outlive it on this thread. */
    Outcome execute() {
        synchronized (this) {
            thread = Thread.currentThread();
        }
        try {
            return work();
        } finally {
            synchronized (this) {
                thread = null;
            }
            Thread.interrupted(); // a stop that came as the node ended is not the next node's
        }
    }

    private Outcome work() {
        long start = System.nanoTime();
        dev.catalyst.core.exec.PathMark.mark(run.runId(), "node.start", start);
        String id = node.id();
        run.sink().emit(new RunEvent.NodeStarted(id, node.type().type()));
        if (node.modelHandle()) {
            ObjectNode out = Json.object();
            out.set(Planner.MODEL_PORT, ModelHandles.of(node));
            return finish(start, NodeOutput.of(out), null);
        }
        var timeout = run.options().nodeTimeout();
        Instant deadline = timeout == null ? null : run.deadlines().now().plus(timeout);
        var ctx = new RunContext(run.runId(), id, run.inputs(), run.outputs(), run.secrets(), cancellation, deadline,
                run.catalog(), run.sink(), start);
        NodeExecutor executor = run.executor(node.type().type());
        DeadlineTimer.Scheduled timer = null;
        try (AutoCloseable ignored = run.cancellation().onCancel(() -> stop(run.cancellation().reason()))) {
            // scheduled inside the try: a timer that refuses (closed) fails the node instead of losing it
            if (timeout != null) timer = run.deadlines().schedule(timeout, () -> {
                timedOut = true;
                stop("deadline");
            });
            NodeOutput out = executor.execute(new NodeCall(id, node.type().type(), node.config().deepCopy(), gatherInputs(), ctx));
            if (out == null || out.values() == null) {
                throw new NodeException(ErrorCode.SERVER_ERROR, "node type " + node.type().type() + " returned no output");
            }
            return finish(start, out, ctx.measuredTtftMs());
        } catch (NodeException e) {
            return fail(start, timedOut ? timeout() : e);
        } catch (InterruptedException e) {
            return fail(start, timedOut ? timeout() : new NodeException(ErrorCode.CANCELLED, "cancelled: " + cancellation.reason()));
        } catch (Exception e) {
            return fail(start, new NodeException(ErrorCode.SERVER_ERROR, "unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        } finally {
            if (timer != null) timer.cancel();
        }
    }

    private NodeException timeout() {
        return new NodeException(ErrorCode.TIMEOUT, "did not finish within " + run.options().nodeTimeout().toMillis() + " ms");
    }

    private Map<String, JsonNode> gatherInputs() {
        var inputs = new LinkedHashMap<String, JsonNode>();
        for (var e : node.inputEdges().entrySet()) {
            boolean many = node.type().input(e.getKey()).map(Port::many).orElse(false);
            List<Edge> edges = e.getValue();
            if (many) {
                var values = Json.array();
                for (Edge edge : edges) {
                    JsonNode v = valueOf(edge);
                    if (v != null) values.add(v);
                }
                inputs.put(e.getKey(), values);
            } else {
                JsonNode v = valueOf(edges.getFirst());
                if (v != null) inputs.put(e.getKey(), v);
            }
        }
        return inputs;
    }

    private JsonNode valueOf(Edge edge) {
        JsonNode out = run.outputs().get(edge.source());
        return out == null ? null : out.get(edge.sourcePort());
    }

    private Outcome finish(long start, NodeOutput out, Long measuredTtft) {
        ObjectNode values = out.values();
        // a completion node that also runs keeps its model handle, so a router can still use it
        if (node.type().isCompletion() && !values.has(Planner.MODEL_PORT)) values.set(Planner.MODEL_PORT, ModelHandles.of(node));
        dev.catalyst.core.exec.PathMark.mark(run.runId(), "node.done");
        long latency = (System.nanoTime() - start) / 1_000_000;
        Long ttft = out.ttftMs() != null ? out.ttftMs() : measuredTtft;
        run.sink().emit(new RunEvent.NodeCompleted(node.id(), values, out.usage(), out.costUsd(), latency, ttft, out.responseModel()));
        return new Done(node.id(), values, new NodeMetrics(node.id(), node.type().type(), "completed", latency, ttft,
                out.usage(), out.costUsd(), null));
    }

    private Outcome fail(long start, NodeException e) {
        long latency = (System.nanoTime() - start) / 1_000_000;
        var error = new RunEvent.ErrorInfo(e.code(), "node " + node.id() + ": " + e.getMessage(), e.retryable(), node.id(),
                e.retryAfterMs(), e.details());
        run.sink().emit(new RunEvent.NodeFailed(node.id(), error, e.partialText()));
        String status = e.code() == ErrorCode.CANCELLED ? "cancelled" : "failed";
        return new Failed(node.id(), error, new NodeMetrics(node.id(), node.type().type(), status, latency, null, null, null, error));
    }
}
