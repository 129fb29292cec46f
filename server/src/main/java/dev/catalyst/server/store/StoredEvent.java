package dev.catalyst.server.store;

/** A run event as stored and as sent over SSE: its sequence id, its name, its JSON data. */
public record StoredEvent(String runId, long seq, String name, String data) {
    public boolean isTerminal() {
        return name.equals("run.completed") || name.equals("run.failed") || name.equals("run.cancelled");
    }
}
