package dev.catalyst.core.nodes.textjoin;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeKind;
import dev.catalyst.core.registry.NodeSpecs;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.validation.KindCheck;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/** The {@code textJoin} kind: a plain transform, no dependencies. */
public final class TextJoinKind implements NodeKind<Object> {
    private final NodeType spec = NodeSpecs.load(TextJoinKind.class, "textJoin.json");

    @Override
    public NodeType spec() {
        return spec;
    }

    @Override
    public Class<TextJoinConfig> configType() {
        return TextJoinConfig.class;
    }

    @Override
    public List<KindCheck> checks() {
        return List.of(new TextJoinCheck());
    }

    @Override
    public NodeExecutor executor(Object deps) {
        return new TextJoinNode(this);
    }

    /** A node's config as the record, with the schema's defaults for what it leaves out. */
    TextJoinConfig config(ObjectNode written) throws NodeException {
        try {
            return Json.MAPPER.treeToValue(spec.withDefaults(written), TextJoinConfig.class);
        } catch (JacksonException e) {
            // validation refuses such a config before a run; this guards direct calls
            throw new NodeException(ErrorCode.INVALID_REQUEST, "textJoin config does not match its schema: " + e.getOriginalMessage());
        }
    }
}
