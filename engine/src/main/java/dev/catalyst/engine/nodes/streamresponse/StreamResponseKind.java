package dev.catalyst.engine.nodes.streamresponse;

import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.registry.NodeKind;
import dev.catalyst.core.registry.NodeSpecs;
import dev.catalyst.core.registry.NodeType;

/**
 * The {@code streamResponse} kind. Its spec marks it as the answer stream ({@code answerStream}),
 * which is all the validator (one per workflow) and the planner (whose tokens are the answer) need.
 */
public final class StreamResponseKind implements NodeKind<Object> {
    private final NodeType spec = NodeSpecs.load(StreamResponseKind.class, "streamResponse.json");

    @Override
    public NodeType spec() {
        return spec;
    }

    @Override
    public Class<StreamResponseConfig> configType() {
        return StreamResponseConfig.class;
    }

    @Override
    public NodeExecutor executor(Object deps) {
        return new StreamResponseNode();
    }
}
