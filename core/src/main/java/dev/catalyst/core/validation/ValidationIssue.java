package dev.catalyst.core.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One validation finding, shaped as the contract says: {@code nodeId}, {@code field}, {@code code},
 * {@code message}; plus {@code severity} and, for edge problems, {@code edgeId}.
 * {@code field} is a dotted path inside the node (e.g. {@code config.temperature}) or inside the
 * workflow when {@code nodeId} is null (e.g. {@code edges[3].target}). In JSON, {@code nodeId} and
 * {@code field} are always present (null when not applicable); {@code edgeId} only for edges.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationIssue(@JsonInclude(JsonInclude.Include.ALWAYS) String nodeId, String edgeId,
                              @JsonInclude(JsonInclude.Include.ALWAYS) String field, String code, String message, Severity severity) {

    public static ValidationIssue error(String nodeId, String field, String code, String message) {
        return new ValidationIssue(nodeId, null, field, code, message, Severity.ERROR);
    }

    public static ValidationIssue warning(String nodeId, String field, String code, String message) {
        return new ValidationIssue(nodeId, null, field, code, message, Severity.WARNING);
    }

    public static ValidationIssue edgeError(String edgeId, String nodeId, String field, String code, String message) {
        return new ValidationIssue(nodeId, edgeId, field, code, message, Severity.ERROR);
    }

    @JsonIgnore // derived from severity; not a field of the contract
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line for humans: {@code error  [node claude] config.model: unknown_model — ...}. */
    public String describe() {
        var where = new StringBuilder();
        if (nodeId != null) where.append("node ").append(nodeId);
        if (edgeId != null) where.append(where.isEmpty() ? "" : ", ").append("edge ").append(edgeId);
        if (where.isEmpty()) where.append("workflow");
        return String.format("%-7s [%s] %s%s: %s", severity.json(), where,
                field == null ? "" : field + " ", code, message);
    }
}
