package dev.catalyst.llm.nodes.completion;

import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.validation.KindCheck;
import dev.catalyst.core.validation.ModelCheck;
import dev.catalyst.core.validation.ValidationContext;
import dev.catalyst.core.workflow.Node;

/** A completion node's model is one of its provider's chat models, and its credential a usable name. */
record CompletionCheck(String provider) implements KindCheck {
    @Override
    public void check(Node node, NodeType type, ValidationContext ctx) {
        ModelCheck.checkModel(ctx, node.id(), "config.model", provider, node.configString("model"), "chat");
        ModelCheck.checkCredential(ctx, node.id(), "config.credential", node.config().get("credential"), provider);
    }
}
