package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.validation.IssueCodes;
import dev.catalyst.core.validation.KindCheck;
import dev.catalyst.core.validation.ModelCheck;
import dev.catalyst.core.validation.ValidationContext;
import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.workflow.Edge;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Suggest;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A router's inline candidates name catalog models of their provider with usable credentials,
 * and its rules and fallback name candidates it has: a wired model node's id, or provider/model
 * of an inline one.
 */
final class RouterCheck implements KindCheck {
    @Override
    public void check(Node node, NodeType type, ValidationContext ctx) {
        checkCandidateModels(ctx, node);
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
                    type.type() + " needs candidates: wire completion nodes into its models input or list config.candidates"));
            return;
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

    private static void checkCandidateModels(ValidationContext ctx, Node node) {
        JsonNode candidates = node.config().path("candidates");
        if (!candidates.isArray()) return; // schema reports it
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode c = candidates.get(i);
            String provider = c.path("provider").isString() ? c.get("provider").stringValue() : null;
            String field = "config.candidates[" + i + "]";
            if (provider == null || !c.path("model").isString()) continue; // schema reports it
            ModelCheck.checkModel(ctx, node.id(), field + ".model", provider, c.get("model").stringValue(), "chat");
            ModelCheck.checkCredential(ctx, node.id(), field + ".credential", c.get("credential"), provider);
        }
    }

    private static void checkRef(ValidationContext ctx, Node node, String field, JsonNode ref, Set<String> candidates) {
        if (!ref.isString() || candidates.contains(ref.stringValue())) return;
        ctx.add(ValidationIssue.error(node.id(), field, IssueCodes.UNKNOWN_CANDIDATE,
                "'" + ref.stringValue() + "' is not one of this router's candidates" + Suggest.didYouMean(ref.stringValue(), candidates)
                        + " (candidates: " + String.join(", ", candidates) + ")"));
    }
}
