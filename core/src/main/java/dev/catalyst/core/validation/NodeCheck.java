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

    static final int MAX_NAMES = 20;

    /**
     * Node ids joined for a message, at most {@value #MAX_NAMES} of them: the message is repeated on
     * every node it concerns, so listing all 10,000 nodes of a huge cycle would make the report quadratic.
     */
    static String nameList(java.util.List<String> ids, String separator) {
        if (ids.size() <= MAX_NAMES) return String.join(separator, ids);
        return String.join(separator, ids.subList(0, MAX_NAMES)) + separator + "… (" + ids.size() + " nodes in all)";
    }

    /** Any printable text up to 128 characters, unicode included; no blanks or control characters. */
    static String idProblem(String id) {
        if (id.isBlank()) return "an id cannot be blank";
        if (id.codePointCount(0, id.length()) > MAX_ID_LENGTH) return "an id is at most " + MAX_ID_LENGTH + " characters";
        if (!id.strip().equals(id)) return "an id cannot start or end with whitespace";
        if (id.codePoints().anyMatch(Character::isISOControl)) return "an id cannot hold control characters";
        return null;
    }
}
