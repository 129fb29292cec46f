package dev.catalyst.core.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.Usage;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * The run events of the contract. {@link #name()} is the SSE {@code event:} field; the record's
 * JSON is the {@code data:} field. Sequence ids are assigned by the run's sink, not here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface RunEvent {
    String name();

    /**
     * The error shape shared by node and run failures.
     *
     * @param details what a partly done node keeps (e.g. the embeddings of the batches that succeeded), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorInfo(ErrorCode code, String message, boolean retryable, String nodeId, Long retryAfterMs, JsonNode details) {
        public ErrorInfo(ErrorCode code, String message, boolean retryable, String nodeId, Long retryAfterMs) {
            this(code, message, retryable, nodeId, retryAfterMs, null);
        }
    }

    record RunStarted(String runId, String workflowId) implements RunEvent {
        public String name() { return "run.started"; }
    }

    record NodeStarted(String nodeId, String type) implements RunEvent {
        public String name() { return "node.started"; }
    }

    record Token(String nodeId, String text, long index) implements RunEvent {
        public String name() { return "token"; }
    }

    /** @param candidates each candidate with its score, or why it was filtered out */
    record RouterDecision(String nodeId, String chosen, String reason, JsonNode candidates, int attempt) implements RunEvent {
        public String name() { return "router.decision"; }
    }

    /** @param responseModel the model the provider says answered (model nodes; absent when it did not say) */
    record NodeCompleted(String nodeId, JsonNode output, Usage usage, BigDecimal costUsd, long latencyMs, Long ttftMs,
                         String responseModel) implements RunEvent {
        public NodeCompleted(String nodeId, JsonNode output, Usage usage, BigDecimal costUsd, long latencyMs, Long ttftMs) {
            this(nodeId, output, usage, costUsd, latencyMs, ttftMs, null);
        }

        public String name() { return "node.completed"; }
    }

    record NodeFailed(String nodeId, ErrorInfo error, String partialText) implements RunEvent {
        public String name() { return "node.failed"; }
    }

    record RunCompleted(String runId, JsonNode outputs) implements RunEvent {
        public String name() { return "run.completed"; }
    }

    record RunFailed(String runId, ErrorInfo error) implements RunEvent {
        public String name() { return "run.failed"; }
    }

    record RunCancelled(String runId, String reason) implements RunEvent {
        public String name() { return "run.cancelled"; }
    }

    /** True for the three events that end a run; exactly one of them closes every run. */
    static boolean isTerminal(RunEvent e) {
        return switch (e) {
            case RunCompleted c -> true;
            case RunFailed f -> true;
            case RunCancelled c -> true;
            case RunStarted s -> false;
            case NodeStarted s -> false;
            case Token t -> false;
            case RouterDecision d -> false;
            case NodeCompleted c -> false;
            case NodeFailed f -> false;
        };
    }
}
