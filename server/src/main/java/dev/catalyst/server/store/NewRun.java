package dev.catalyst.server.store;

/** A run row to insert: the workflow it runs (JSON), its inputs (JSON), its status and its owner (may be null). */
public record NewRun(String id, String workflowId, String workflow, String inputs, String status, String ownerId) {}
