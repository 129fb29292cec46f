package dev.catalyst.server.observe;

/**
 * The run and node a log record is about, passed as one of the record's parameters
 * ({@code LOG.log(level, message, new LogFields(runId, nodeId))}); the JSON log format writes
 * them as {@code run_id} and {@code node_id}. Either may be null.
 */
public record LogFields(String runId, String nodeId) {}
