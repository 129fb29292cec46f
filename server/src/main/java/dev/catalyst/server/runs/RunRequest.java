package dev.catalyst.server.runs;

import dev.catalyst.core.workflow.WorkflowCodec;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What a caller asks to run, already parsed where it came in (the HTTP body, the command line):
 * a workflow, stored or given, and its inputs.
 */
public record RunRequest(Source workflow, Inputs inputs) {
    public RunRequest {
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(inputs, "inputs");
    }

    /** Where the workflow comes from. */
    public sealed interface Source {
        /** A workflow saved under {@code id}. */
        record Stored(String id) implements Source {
            public Stored {
                Objects.requireNonNull(id, "id");
            }
        }

        /** A workflow given with the request, decoded (its decoding issues are the service's to report). */
        record Given(WorkflowCodec.Decoded decoded) implements Source {
            public Given {
                Objects.requireNonNull(decoded, "decoded");
            }
        }
    }

    /** The run's inputs, checked against the workflow's declared inputs by the service. */
    public sealed interface Inputs {
        /** JSON values by name: an object, or null for none (anything else is refused with a clear problem). */
        record Values(JsonNode values) implements Inputs {}

        /** {@code name=value} text from a command line, each read as the input's declared type. */
        record Text(Map<String, String> values) implements Inputs {
            public Text {
                values = Map.copyOf(values);
            }
        }

        static Inputs none() {
            return new Values(null);
        }
    }

    public static RunRequest given(WorkflowCodec.Decoded decoded, Inputs inputs) {
        return new RunRequest(new Source.Given(decoded), inputs);
    }

    public static RunRequest stored(String id, Inputs inputs) {
        return new RunRequest(new Source.Stored(id), inputs);
    }
}
