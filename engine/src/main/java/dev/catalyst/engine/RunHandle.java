package dev.catalyst.engine;

import dev.catalyst.core.exec.Cancellation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A started run: cancel it, or wait for how it ended. */
public final class RunHandle {
    private final String runId;
    private final Plan plan;
    private final Cancellation cancellation;
    private final CompletableFuture<RunResult> result;
    private final java.util.function.Supplier<java.util.List<NodeMetrics>> progress;

    RunHandle(String runId, Plan plan, Cancellation cancellation, CompletableFuture<RunResult> result,
              java.util.function.Supplier<java.util.List<NodeMetrics>> progress) {
        this.runId = runId;
        this.plan = plan;
        this.cancellation = cancellation;
        this.result = result;
        this.progress = progress;
    }

    /** Metrics of the nodes that have ended so far, in plan order. */
    public java.util.List<NodeMetrics> progress() {
        return progress.get();
    }

    public String runId() {
        return runId;
    }

    public Plan plan() {
        return plan;
    }

    /** Cancels the run: running nodes see their cancellation (aborting upstream requests) and are interrupted. */
    public void cancel(String reason) {
        cancellation.cancel(reason);
    }

    public CompletableFuture<RunResult> result() {
        return result;
    }

    public RunResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            // the execution completes its future itself, failures included; this cannot happen
            throw new IllegalStateException(e.getCause());
        }
    }
}
