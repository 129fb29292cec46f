package dev.catalyst.core.exec;

/**
 * The run and node a log record is about, passed as one of the record's parameters
 * ({@code LOG.log(level, message, new LogFields(runId, nodeId))}, or among a {@code System.Logger}
 * call's parameters); the server's JSON log format writes them as {@code run_id} and
 * {@code node_id}. Either may be null. It lives in core so that the engine and the model nodes,
 * which cannot see the server, tag their lines the same way.
 */
public record LogFields(String runId, String nodeId) {
    public static LogFields run(String runId) {
        return new LogFields(runId, null);
    }
}
