package dev.catalyst.server.store;

/**
 * A run row to insert: the workflow it runs (JSON), its inputs (JSON), its status, its owner (may
 * be null) and when it was created (ISO-8601; null: when the row is inserted).
 */
public record NewRun(String id, String workflowId, String workflow, String inputs, String status, String ownerId,
                     String createdAt) {
    public NewRun(String id, String workflowId, String workflow, String inputs, String status, String ownerId) {
        this(id, workflowId, workflow, inputs, status, ownerId, null);
    }

    /** The row as the store would show it before the run ends. */
    public StoredRun asStored() {
        return new StoredRun(id, workflowId, workflow, inputs, status, null, null, null, createdAt, null);
    }
}
