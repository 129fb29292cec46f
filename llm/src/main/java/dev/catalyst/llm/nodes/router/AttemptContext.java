package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.NodeContext;
import dev.catalyst.core.secrets.SecretStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The router's context as one attempt sees it: the attempt's deadline (the router's budget), and
 * tokens passed through while noting the first one and the text so far. Times come from the
 * router's clock, so the latency it learns can be driven by a test.
 */
final class AttemptContext implements NodeContext {
    private final NodeContext outer;
    private final Instant deadline;
    private final Clock clock;
    private final long startMillis;
    private final StringBuilder text = new StringBuilder();
    private volatile long firstTokenMillis = -1;

    AttemptContext(NodeContext outer, Instant deadline, Clock clock) {
        this.outer = outer;
        this.deadline = deadline;
        this.clock = clock;
        this.startMillis = clock.millis();
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
            if (firstTokenMillis < 0) firstTokenMillis = clock.millis();
            text.append(t);
        }
        outer.token(t);
    }

    boolean sawToken() {
        return firstTokenMillis >= 0;
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    long startMillis() {
        return startMillis;
    }

    /** Milliseconds from the attempt's start to its first token (or to now when none came). */
    long ttftMs() {
        long first = firstTokenMillis < 0 ? clock.millis() : firstTokenMillis;
        return Math.max(0, first - startMillis);
    }

    long firstTokenMillis() {
        return firstTokenMillis;
    }
}
