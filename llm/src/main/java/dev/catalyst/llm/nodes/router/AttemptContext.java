package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.NodeContext;
import dev.catalyst.core.secrets.SecretStore;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The router's context as one attempt sees it: the attempt's deadline (the router's budget), and
 * tokens passed through while noting the first one and the text so far.
 */
final class AttemptContext implements NodeContext {
    private final NodeContext outer;
    private final Instant deadline;
    private final long startNanos = System.nanoTime();
    private final StringBuilder text = new StringBuilder();
    private volatile long firstTokenNanos = -1;

    AttemptContext(NodeContext outer, Instant deadline) {
        this.outer = outer;
        this.deadline = deadline;
    }

    @Override public String runId() { return outer.runId(); }
    @Override public String nodeId() { return outer.nodeId(); }
    @Override public Map<String, JsonNode> workflowInputs() { return outer.workflowInputs(); }
    @Override public Map<String, JsonNode> nodeOutputs() { return outer.nodeOutputs(); }
    @Override public SecretStore secrets() { return outer.secrets(); }
    @Override public Cancellation cancellation() { return outer.cancellation(); }
    @Override public Instant deadline() { return deadline; }
    @Override public ModelCatalog catalog() { return outer.catalog(); }
    @Override public void emit(RunEvent event) { outer.emit(event); }

    @Override
    public void token(String t) {
        if (t.isEmpty()) return;
        synchronized (text) {
            if (firstTokenNanos < 0) firstTokenNanos = System.nanoTime();
            text.append(t);
        }
        outer.token(t);
    }

    boolean sawToken() {
        return firstTokenNanos >= 0;
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    long startNanos() {
        return startNanos;
    }

    /** Milliseconds from the attempt's start to its first token (or to now when none came). */
    long ttftMs() {
        long first = firstTokenNanos < 0 ? System.nanoTime() : firstTokenNanos;
        return (first - startNanos) / 1_000_000;
    }

    long firstTokenNanos() {
        return firstTokenNanos;
    }
}
