package dev.catalyst.core.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every issue found in a workflow; it is valid when none of them is an error.
 *
 * @param variables per node id, the bare template variables the node's templates read (optional
 *                  in JSON: absent when no node reads any)
 */
public record ValidationReport(boolean valid, List<ValidationIssue> errors,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<String>> variables) {
    public ValidationReport {
        errors = List.copyOf(errors);
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    public ValidationReport(boolean valid, List<ValidationIssue> errors) {
        this(valid, errors, Map.of());
    }

    public static ValidationReport of(List<ValidationIssue> issues) {
        return of(issues, Map.of());
    }

    public static ValidationReport of(List<ValidationIssue> issues, Map<String, List<String>> variables) {
        return new ValidationReport(issues.stream().noneMatch(ValidationIssue::isError), issues, variables);
    }

    public List<ValidationIssue> errorsOnly() {
        return errors.stream().filter(ValidationIssue::isError).toList();
    }

    public List<ValidationIssue> warnings() {
        return errors.stream().filter(i -> !i.isError()).toList();
    }
}
