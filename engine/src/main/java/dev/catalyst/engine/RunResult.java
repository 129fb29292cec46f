package dev.catalyst.engine;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Usage;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** How a run ended: its status, the rendered outputs (completed) or the error (failed, cancelled), per-node metrics. */
public record RunResult(String runId, RunStatus status, JsonNode outputs, RunEvent.ErrorInfo error, List<NodeMetrics> nodes) {
    public Usage totalUsage() {
        Usage total = Usage.ZERO;
        for (NodeMetrics n : nodes) if (n.usage() != null) total = total.plus(n.usage());
        return total;
    }

    public BigDecimal totalCostUsd() {
        BigDecimal total = BigDecimal.ZERO;
        for (NodeMetrics n : nodes) if (n.costUsd() != null) total = total.add(n.costUsd());
        return total;
    }
}
