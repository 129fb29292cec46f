package dev.catalyst.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs and their events. Events are appended in batches and read back in sequence order. */
public final class RunStore {
    private static final String RUN_COLUMNS =
            "id, workflow_id, workflow, inputs, status, outputs, error, nodes, created_at, finished_at";

    private final Database db;

    public RunStore(Database db) {
        this.db = db;
    }

    public void create(String id, String workflowId, String workflow, String inputs, String status) {
        db.withConnection(c -> {
            try (var ps = c.prepareStatement("INSERT INTO runs (id, workflow_id, workflow, inputs, status, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, workflowId);
                ps.setString(3, workflow);
                ps.setString(4, inputs);
                ps.setString(5, status);
                ps.setString(6, Instant.now().toString());
                return ps.executeUpdate();
            }
        });
    }

    public void finish(String id, String status, String outputs, String error, String nodes) {
        db.withConnection(c -> finish(c, id, status, outputs, error, nodes));
    }

    private static int finish(Connection c, String id, String status, String outputs, String error, String nodes) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE runs SET status = ?, outputs = ?, error = ?, nodes = ?, finished_at = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setString(2, outputs);
            ps.setString(3, error);
            ps.setString(4, nodes);
            ps.setString(5, Instant.now().toString());
            ps.setString(6, id);
            return ps.executeUpdate();
        }
    }

    public Optional<StoredRun> find(String id) {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(run(rs)) : Optional.<StoredRun>empty();
                }
            }
        });
    }

    /** A line of the run history: no workflow body, inputs or outputs. */
    public record RunSummary(String id, String workflowId, String status, String createdAt, String finishedAt) {}

    /** The newest runs first, at most {@code limit}. */
    public List<RunSummary> recent(int limit) {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement(
                    "SELECT id, workflow_id, status, created_at, finished_at FROM runs ORDER BY created_at DESC, id LIMIT ?")) {
                ps.setInt(1, limit);
                try (var rs = ps.executeQuery()) {
                    var out = new ArrayList<RunSummary>();
                    while (rs.next()) {
                        out.add(new RunSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                    return out;
                }
            }
        });
    }

    /** Ids of runs whose status is not final: after a restart these were cut off. */
    public List<String> unfinished() {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT id FROM runs WHERE status IN ('queued', 'running') ORDER BY created_at");
                 var rs = ps.executeQuery()) {
                var ids = new ArrayList<String>();
                while (rs.next()) ids.add(rs.getString(1));
                return ids;
            }
        });
    }

    /**
     * Ends a run that was cut off: appends its terminal event after the ones it has and marks it
     * failed, in one transaction, so its stream and its row agree.
     */
    public void markFailed(String id, String terminalName, String terminalData, String error) {
        db.transaction(c -> {
            long next = lastSeq(c, id) + 1;
            insertEvents(c, List.of(new StoredEvent(id, next, terminalName, terminalData)));
            return finish(c, id, "failed", null, error, null);
        });
    }

    public void append(List<StoredEvent> events) {
        if (events.isEmpty()) return;
        db.transaction(c -> {
            insertEvents(c, events);
            return null;
        });
    }

    private static void insertEvents(Connection c, List<StoredEvent> events) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO run_events (run_id, seq, name, data) VALUES (?, ?, ?, ?)")) {
            for (StoredEvent e : events) {
                ps.setString(1, e.runId());
                ps.setLong(2, e.seq());
                ps.setString(3, e.name());
                ps.setString(4, e.data());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Events with {@code afterSeq < seq <= uptoSeq}, in order, at most {@code limit}. */
    public List<StoredEvent> events(String runId, long afterSeq, long uptoSeq, int limit) {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement(
                    "SELECT seq, name, data FROM run_events WHERE run_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?")) {
                ps.setString(1, runId);
                ps.setLong(2, afterSeq);
                ps.setLong(3, uptoSeq);
                ps.setInt(4, limit);
                try (var rs = ps.executeQuery()) {
                    var out = new ArrayList<StoredEvent>();
                    while (rs.next()) out.add(new StoredEvent(runId, rs.getLong(1), rs.getString(2), rs.getString(3)));
                    return out;
                }
            }
        });
    }

    public long lastSeq(String runId) {
        return db.withConnection(c -> lastSeq(c, runId));
    }

    private static long lastSeq(Connection c, String runId) throws SQLException {
        try (var ps = c.prepareStatement("SELECT MAX(seq) FROM run_events WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static StoredRun run(ResultSet rs) throws SQLException {
        return new StoredRun(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }
}
