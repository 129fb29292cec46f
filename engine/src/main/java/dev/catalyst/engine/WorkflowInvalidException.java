package dev.catalyst.engine;

import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.validation.ValidationReport;
import java.util.stream.Collectors;

/** A workflow that cannot run: it failed validation, or a node type has no executor here. */
public final class WorkflowInvalidException extends Exception {
    private final ValidationReport report;

    public WorkflowInvalidException(ValidationReport report) {
        super("workflow is invalid: " + report.errorsOnly().stream()
                .map(ValidationIssue::describe).map(String::strip).collect(Collectors.joining("; ")));
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
