package dev.catalyst.core.nodes.prompttemplate;

import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.validation.IssueCodes;
import dev.catalyst.core.validation.KindCheck;
import dev.catalyst.core.validation.ValidationContext;
import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.workflow.Node;

/** A prompt has exactly one source: config.messages or config.template. */
final class PromptTemplateCheck implements KindCheck {
    @Override
    public void check(Node node, NodeType type, ValidationContext ctx) {
        boolean hasMessages = node.config().has("messages");
        boolean hasTemplate = node.config().has("template");
        if (hasMessages == hasTemplate) {
            ctx.add(ValidationIssue.error(node.id(), "config.messages", hasMessages ? IssueCodes.INVALID_CONFIG : IssueCodes.MISSING_CONFIG,
                    hasMessages ? "set either config.messages or config.template, not both"
                            : type.type() + " needs config.messages or config.template"));
        }
    }
}
