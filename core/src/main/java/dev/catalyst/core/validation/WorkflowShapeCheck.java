package dev.catalyst.core.validation;

import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.workflow.InputSpec;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.WorkflowCodec;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Workflow-level rules: something to run, input defaults of the declared type, one answer stream. */
final class WorkflowShapeCheck implements WorkflowCheck {
    @Override
    public void check(ValidationContext ctx) {
        var wf = ctx.workflow();
        if (wf.nodes().isEmpty()) {
            ctx.add(ValidationIssue.error(null, "nodes", IssueCodes.EMPTY_WORKFLOW,
                    "the workflow has no nodes; add at least one (e.g. a promptTemplate and a completion node)"));
        }
        wf.inputs().forEach((name, spec) -> {
            if (spec.defaultValue() != null && InputSpec.TYPES.contains(spec.type()) && !matches(spec.type(), spec.defaultValue())) {
                ctx.add(ValidationIssue.error(null, "inputs." + name + ".default", IssueCodes.INVALID_INPUT,
                        "default of input '" + name + "' is " + WorkflowCodec.kind(spec.defaultValue()) + ", but its type is " + spec.type()));
            }
        });
        // the kinds whose spec says they mark the answer stream (streamResponse)
        List<Node> marking = wf.nodes().stream()
                .filter(n -> ctx.registry().find(n.type()).map(NodeType::answerStream).orElse(false)).toList();
        List<String> answerNodes = marking.stream().map(Node::id).toList();
        if (answerNodes.size() > 1) {
            String types = String.join("/", marking.stream().map(Node::type).distinct().toList());
            for (String id : answerNodes) {
                ctx.add(ValidationIssue.error(id, null, IssueCodes.MULTIPLE_ANSWER_STREAMS,
                        "a workflow has one answer stream, but " + types + " nodes " + NodeCheck.nameList(answerNodes, ", ") + " each claim it"));
            }
        }
    }

    /** Whether a JSON value fits a declared input type. */
    static boolean matches(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isString();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> false;
        };
    }
}
