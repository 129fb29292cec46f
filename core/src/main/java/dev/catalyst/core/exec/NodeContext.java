package dev.catalyst.core.exec;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.secrets.SecretStore;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What a running node may use: secrets, cancellation, its deadline, the catalog, and its event outlets. */
public interface NodeContext {
    String runId();

    String nodeId();

    /** This run and node, for a log line written on their behalf. */
    default LogFields logFields() {
        return new LogFields(runId(), nodeId());
    }

    /** The workflow's inputs for this run, defaults applied. */
    Map<String, JsonNode> workflowInputs();

    /** Outputs of nodes that have completed in this run, by node id (for {@code nodes.<id>.output}). */
    Map<String, JsonNode> nodeOutputs();

    SecretStore secrets();

    Cancellation cancellation();

    /** When the node must be done, or null for no deadline. */
    Instant deadline();

    ModelCatalog catalog();

    /** Streams one piece of generated text; the engine numbers the pieces and emits {@code token} events. */
    void token(String text);

    /** Emits a node-level event such as {@code router.decision}. */
    void emit(RunEvent event);
}
