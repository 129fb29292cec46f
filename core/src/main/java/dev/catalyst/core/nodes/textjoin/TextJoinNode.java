package dev.catalyst.core.nodes.textjoin;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The {@code textJoin} node: flattens its {@code texts} input (one value per edge, each a string
 * or a list of strings) in edge order and joins the pieces with the separator.
 */
public final class TextJoinNode implements NodeExecutor {
    private final TextJoinKind kind;

    TextJoinNode(TextJoinKind kind) {
        this.kind = kind;
    }

    @Override
    public NodeOutput execute(NodeCall call) throws NodeException {
        TextJoinConfig config = kind.config(call.config());
        var parts = new ArrayList<String>();
        for (String text : texts(call.nodeId(), call.input("texts"))) {
            if (config.skipBlank() && text.isBlank()) continue;
            parts.add(config.prefix() + text);
        }
        return NodeOutput.of(Json.object().put("text", String.join(config.separator(), parts)));
    }

    // The engine hands a many-port input over as an array with one value per edge.
    private static List<String> texts(String nodeId, JsonNode input) throws NodeException {
        var out = new ArrayList<String>();
        if (input == null || input.isNull()) return out;
        JsonNode edges = input.isArray() ? input : Json.array().add(input);
        for (int i = 0; i < edges.size(); i++) {
            JsonNode value = edges.get(i);
            if (value.isString()) {
                out.add(value.stringValue());
            } else if (value.isArray()) {
                for (int k = 0; k < value.size(); k++) {
                    if (!value.get(k).isString()) throw notText(nodeId, "texts[" + i + "][" + k + "]", value.get(k));
                    out.add(value.get(k).stringValue());
                }
            } else {
                throw notText(nodeId, "texts[" + i + "]", value);
            }
        }
        return out;
    }

    private static NodeException notText(String nodeId, String where, JsonNode value) {
        return new NodeException(ErrorCode.INVALID_REQUEST, "node " + nodeId + ": " + where + " is " + value.getNodeType().name().toLowerCase()
                + ", not text; textJoin takes strings or lists of strings");
    }
}
