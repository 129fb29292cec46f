package dev.catalyst.core.validation;

import java.util.List;

/** Every issue found in a workflow; it is valid when none of them is an error. */
public record ValidationReport(boolean valid, List<ValidationIssue> errors) {
    public static ValidationReport of(List<ValidationIssue> issues) {
        return new ValidationReport(issues.stream().noneMatch(ValidationIssue::isError), List.copyOf(issues));
    }

    public List<ValidationIssue> errorsOnly() {
        return errors.stream().filter(ValidationIssue::isError).toList();
    }

    public List<ValidationIssue> warnings() {
        return errors.stream().filter(i -> !i.isError()).toList();
    }
}
