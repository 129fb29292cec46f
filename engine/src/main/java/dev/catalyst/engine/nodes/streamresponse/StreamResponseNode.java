package dev.catalyst.engine.nodes.streamresponse;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * The {@code streamResponse} node. Its upstream node's tokens are the workflow's answer stream
 * (the engine's plan names that node); once they are complete this node passes the text on.
 */
public final class StreamResponseNode implements NodeExecutor {
    @Override
    public NodeOutput execute(NodeCall call) throws NodeException {
        JsonNode text = call.input("text");
        if (text == null || text.isNull()) {
            throw new NodeException(ErrorCode.INVALID_REQUEST, "no text arrived on the text input");
        }
        var out = Json.object();
        out.put("text", text.isString() ? text.stringValue() : text.toString());
        return NodeOutput.of(out);
    }
}
