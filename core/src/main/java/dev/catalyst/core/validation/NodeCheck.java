package dev.catalyst.core.validation;

import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Suggest;
import java.util.HashSet;

/** Node ids (present, unique, printable), node types (known), and config against the type's JSON Schema. */
final class NodeCheck implements WorkflowCheck {
    static final int MAX_ID_LENGTH = 128;
    private final ConfigSchemas schemas;

    NodeCheck(ConfigSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public void check(ValidationContext ctx) {
        var seen = new HashSet<String>();
        for (Node node : ctx.workflow().nodes()) {
            String idProblem = idProblem(node.id());
            if (idProblem != null) {
                ctx.add(ValidationIssue.error(node.id(), "id", IssueCodes.INVALID_ID, idProblem));
            }
            if (!seen.add(node.id())) {
                ctx.add(ValidationIssue.error(node.id(), "id", IssueCodes.DUPLICATE_ID,
                        "node id '" + node.id() + "' is used by more than one node; ids must be unique"));
                continue;
            }
            if (node.type() == null) continue; // reported while decoding
            if (ctx.typeOf(node) == null) {
                ctx.add(ValidationIssue.error(node.id(), "type", IssueCodes.UNKNOWN_NODE_TYPE,
                        "unknown node type '" + node.type() + "'" + Suggest.didYouMean(node.type(), ctx.registry().typeNames())
                                + " (known: " + String.join(", ", ctx.registry().typeNames()) + ")"));
                continue;
            }
            schemas.check(node.id(), node.type(), node.config()).forEach(ctx::add);
        }
    }

    /** Any printable text up to 128 characters, unicode included; no blanks or control characters. */
    static String idProblem(String id) {
        if (id.isBlank()) return "an id cannot be blank";
        if (id.length() > MAX_ID_LENGTH) return "an id is at most " + MAX_ID_LENGTH + " characters";
        if (!id.strip().equals(id)) return "an id cannot start or end with whitespace";
        if (id.codePoints().anyMatch(Character::isISOControl)) return "an id cannot hold control characters";
        return null;
    }
}
