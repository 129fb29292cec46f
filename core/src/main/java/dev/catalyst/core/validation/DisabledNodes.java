package dev.catalyst.core.validation;

import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How disabled nodes change a validation report (ADR 23). A disabled node is still checked, so
 * enabling it again is safe, but its problems become warnings: it does not run, so it cannot break
 * a run. Problems the planner itself depends on (ids, cycles) stay errors. A workflow in which
 * nothing would run is an error; an output that reads a node that will not run gets a warning
 * saying it is left out of the run's outputs.
 */
final class DisabledNodes {
    /** Problems that break the graph as a whole, whatever state the node is in. */
    private static final Set<String> ALWAYS_ERRORS = Set.of(IssueCodes.DUPLICATE_ID, IssueCodes.INVALID_ID, IssueCodes.CYCLE);

    private DisabledNodes() {}

    static List<ValidationIssue> apply(Workflow workflow, SkipAnalysis.Result skipping, List<ValidationIssue> issues) {
        if (skipping.skipped().isEmpty()) return issues;
        Set<String> disabled = new java.util.HashSet<>();
        for (Node n : workflow.nodes()) if (n.disabled()) disabled.add(n.id());
        var result = new ArrayList<ValidationIssue>(issues.size() + 1);
        for (ValidationIssue i : issues) {
            boolean demote = i.isError() && i.nodeId() != null && disabled.contains(i.nodeId()) && !ALWAYS_ERRORS.contains(i.code());
            result.add(demote ? new ValidationIssue(i.nodeId(), i.edgeId(), i.field(), i.code(),
                    i.message() + " (the node is disabled)", Severity.WARNING) : i);
        }
        if (skipping.skipped().size() == workflow.nodes().size()) {
            boolean all = disabled.size() == workflow.nodes().size();
            result.add(ValidationIssue.error(null, "nodes", IssueCodes.NOTHING_TO_RUN, all
                    ? "every node is disabled, so nothing would run; enable at least one"
                    : "nothing would run: every node is disabled or needs an input only disabled nodes feed ("
                            + String.join(", ", disabled.stream().sorted().toList()) + " disabled)"));
        }
        skipping.skippedOutputs().forEach((name, node) -> result.add(ValidationIssue.warning(null, "outputs." + name,
                IssueCodes.SKIPPED_OUTPUT, "output '" + name + "' reads node '" + node + "', which will not run ("
                        + (disabled.contains(node) ? "disabled" : "skipped: its input comes only from disabled nodes")
                        + "); the run leaves this output out")));
        return result;
    }
}
