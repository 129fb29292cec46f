package dev.catalyst.core.exec;

import java.math.BigDecimal;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a node produced: a value per output port, and for model calls the usage, cost and time to
 * first token. The engine measures latency itself.
 */
public record NodeOutput(ObjectNode values, Usage usage, BigDecimal costUsd, Long ttftMs) {
    public static NodeOutput of(ObjectNode values) {
        return new NodeOutput(values, null, null, null);
    }
}
