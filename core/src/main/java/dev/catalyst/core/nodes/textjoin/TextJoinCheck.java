package dev.catalyst.core.nodes.textjoin;

import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.validation.IssueCodes;
import dev.catalyst.core.validation.KindCheck;
import dev.catalyst.core.validation.ValidationContext;
import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.workflow.Node;

/** The separator and prefix are plain text: a {{ }} hole there would be printed as is, which is never what was meant. */
final class TextJoinCheck implements KindCheck {
    @Override
    public void check(Node node, NodeType type, ValidationContext ctx) {
        for (String key : new String[] {"separator", "prefix"}) {
            String value = node.configString(key);
            if (value != null && value.contains("{{")) {
                ctx.add(ValidationIssue.error(node.id(), "config." + key, IssueCodes.INVALID_CONFIG,
                        type.type() + "'s " + key + " is plain text, not a template; put the value in a promptTemplate before the join"));
            }
        }
    }
}
