package dev.catalyst.server.store;

/** A run's row. JSON columns are kept as text; null when not set yet. */
public record StoredRun(String id, String workflowId, String workflow, String inputs, String status, String outputs,
                        String error, String nodes, String createdAt, String finishedAt) {}
