package dev.catalyst.server.runs;

import dev.catalyst.core.validation.ValidationIssue;
import java.util.List;

/**
 * Why the run service refused a request, in its own terms. The HTTP layer maps each kind to a
 * status and error code in one place; the command line to an exit code.
 */
public abstract sealed class RunException extends RuntimeException {
    private RunException(String message) {
        super(message);
    }

    /** No workflow or run with that id. */
    public static final class NotFound extends RunException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The workflow cannot run: malformed, invalid, or naming a credential that does not exist. All issues at once. */
    public static final class InvalidWorkflow extends RunException {
        private final List<ValidationIssue> issues;

        public InvalidWorkflow(String message, List<ValidationIssue> issues) {
            super(message);
            this.issues = List.copyOf(issues);
        }

        public List<ValidationIssue> issues() {
            return issues;
        }
    }

    /** The inputs do not fit the workflow's declared inputs; every problem at once. */
    public static final class InvalidInputs extends RunException {
        private final List<String> problems;

        public InvalidInputs(String message, List<String> problems) {
            super(message);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** The run ended before it could be cancelled. */
    public static final class AlreadyEnded extends RunException {
        private final String status;

        public AlreadyEnded(String runId, String status) {
            super("run " + runId + " already ended: " + status);
            this.status = status;
        }

        public String status() {
            return status;
        }
    }

    /** This server is stopping: it finishes the runs it has and starts no new one (another instance can). */
    public static final class Draining extends RunException {
        public Draining() {
            super("this server is stopping: it finishes its live runs and starts no new one; start the run on another instance or try again shortly");
        }
    }

    /** A stored workflow that no longer decodes: our data is damaged, not the caller's request. */
    public static final class StoredWorkflowDamaged extends RunException {
        public StoredWorkflowDamaged(String workflowId) {
            super("stored workflow '" + workflowId + "' is not valid JSON");
        }
    }
}
