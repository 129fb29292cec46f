package dev.catalyst.core.validation;

import dev.catalyst.core.workflow.Edge;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Suggest;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A router's rules and fallback name candidates it has: a wired model node's id, or provider/model of an inline one. */
final class RouterCheck implements WorkflowCheck {
    @Override
    public void check(ValidationContext ctx) {
        for (Node node : ctx.nodesById().values()) {
            if (!"llmRouter".equals(node.type())) continue;
            Set<String> candidates = new LinkedHashSet<>();
            for (Edge e : ctx.edgesInto(node.id())) {
                if (e.targetPort().equals("models")) candidates.add(e.source());
            }
            JsonNode inline = node.config().path("candidates");
            // lists of the wrong shape are reported by the schema; read only what has the right one
            if (inline.isArray()) {
                inline.forEach(c -> candidates.add(c.path("provider").asString("") + "/" + c.path("model").asString("")));
            }
            if (candidates.isEmpty()) {
                ctx.add(ValidationIssue.error(node.id(), "inputs.models", IssueCodes.MISSING_INPUT,
                        "llmRouter needs candidates: wire completion nodes into its models input or list config.candidates"));
                continue;
            }
            JsonNode rules = node.config().path("rules");
            for (int i = 0; rules.isArray() && i < rules.size(); i++) {
                checkRef(ctx, node, "config.rules[" + i + "].use", rules.get(i).path("use"), candidates);
            }
            JsonNode fallback = node.config().path("fallback");
            for (int i = 0; fallback.isArray() && i < fallback.size(); i++) {
                checkRef(ctx, node, "config.fallback[" + i + "]", fallback.get(i), candidates);
            }
        }
    }

    private static void checkRef(ValidationContext ctx, Node node, String field, JsonNode ref, Set<String> candidates) {
        if (!ref.isString() || candidates.contains(ref.stringValue())) return;
        ctx.add(ValidationIssue.error(node.id(), field, IssueCodes.UNKNOWN_CANDIDATE,
                "'" + ref.stringValue() + "' is not one of this router's candidates" + Suggest.didYouMean(ref.stringValue(), candidates)
                        + " (candidates: " + String.join(", ", candidates) + ")"));
    }
}
