package dev.catalyst.engine;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.NodeContext;
import dev.catalyst.core.secrets.SecretStore;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** What one running node sees: the run's inputs and finished outputs, secrets, its own cancellation and deadline. */
final class RunContext implements NodeContext {
    private final String runId;
    private final String nodeId;
    private final Map<String, JsonNode> inputs;
    private final Map<String, JsonNode> outputs;
    private final SecretStore secrets;
    private final Cancellation cancellation;
    private final Instant deadline;
    private final ModelCatalog catalog;
    private final RunEventSink sink;
    private final AtomicLong tokenIndex = new AtomicLong();
    private final long startNanos;
    private volatile long firstTokenNanos = -1;

    RunContext(String runId, String nodeId, Map<String, JsonNode> inputs, Map<String, JsonNode> outputs, SecretStore secrets,
               Cancellation cancellation, Instant deadline, ModelCatalog catalog, RunEventSink sink, long startNanos) {
        this.runId = runId;
        this.nodeId = nodeId;
        this.inputs = inputs;
        this.outputs = Collections.unmodifiableMap(outputs);
        this.secrets = secrets;
        this.cancellation = cancellation;
        this.deadline = deadline;
        this.catalog = catalog;
        this.sink = sink;
        this.startNanos = startNanos;
    }

    @Override public String runId() { return runId; }
    @Override public String nodeId() { return nodeId; }
    @Override public Map<String, JsonNode> workflowInputs() { return inputs; }
    @Override public Map<String, JsonNode> nodeOutputs() { return outputs; }
    @Override public SecretStore secrets() { return secrets; }
    @Override public Cancellation cancellation() { return cancellation; }
    @Override public Instant deadline() { return deadline; }
    @Override public ModelCatalog catalog() { return catalog; }

    @Override
    public void token(String text) {
        if (text == null || text.isEmpty()) return;
        long index = tokenIndex.getAndIncrement();
        if (index == 0) firstTokenNanos = System.nanoTime();
        sink.emit(new RunEvent.Token(nodeId, text, index));
    }

    @Override
    public void emit(RunEvent event) {
        sink.emit(event);
    }

    /** Milliseconds from the node's start to its first token, or null when it streamed none. */
    Long measuredTtftMs() {
        long first = firstTokenNanos;
        return first < 0 ? null : (first - startNanos) / 1_000_000;
    }
}
