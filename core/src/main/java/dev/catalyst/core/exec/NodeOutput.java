package dev.catalyst.core.exec;

import java.math.BigDecimal;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a node produced: a value per output port, and for model calls the usage, cost, time to
 * first token and the model the provider says answered ({@code responseModel}, null when it did
 * not say or the node calls no model). The engine measures latency itself.
 */
public record NodeOutput(ObjectNode values, Usage usage, BigDecimal costUsd, Long ttftMs, String responseModel) {
    public NodeOutput(ObjectNode values, Usage usage, BigDecimal costUsd, Long ttftMs) {
        this(values, usage, costUsd, ttftMs, null);
    }

    public static NodeOutput of(ObjectNode values) {
        return new NodeOutput(values, null, null, null);
    }
}
