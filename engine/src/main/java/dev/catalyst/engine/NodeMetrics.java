package dev.catalyst.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Usage;
import java.math.BigDecimal;

/** What one node did in a run: how it ended, how long it took, what it used and cost. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeMetrics(String nodeId, String type, String status, Long latencyMs, Long ttftMs, Usage usage,
                          BigDecimal costUsd, RunEvent.ErrorInfo error) {}
