package dev.catalyst.server.store;

import dev.catalyst.core.json.Json;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Runs and their events. Events are appended in batches and read back in sequence order. */
public final class RunStore {
    private static final String RUN_COLUMNS =
            "id, workflow_id, workflow, inputs, status, outputs, error, nodes, created_at, finished_at";
    static final String INSERT_RUN = "INSERT INTO runs (id, workflow_id, workflow, inputs, status, created_at, owner_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    // ON CONFLICT DO NOTHING (PostgreSQL 9.5+, SQLite 3.24+): a retry after an unknown-outcome commit
    static final String INSERT_EVENT =
            "INSERT INTO run_events (run_id, seq, name, data) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, seq) DO NOTHING";
    // only an unfinished run is finished: a run another server already marked interrupted stays so
    static final String FINISH_RUN = "UPDATE runs SET status = ?, outputs = ?, error = ?, nodes = ?, finished_at = ? "
            + "WHERE id = ? AND status IN ('queued', 'running')";

    private final Database db;

    public RunStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /** A writer's own session: its connection kept, and its statements prepared once on it. */
    public WriteSession session() {
        return new WriteSession(db, new KeptConnection(db.keptSource()));
    }

    public void create(String id, String workflowId, String workflow, String inputs, String status) {
        create(id, workflowId, workflow, inputs, status, null);
    }

    /** A new run row; {@code ownerId} is the server instance running it (null: none known). */
    public void create(String id, String workflowId, String workflow, String inputs, String status, String ownerId) {
        write(List.of(new NewRun(id, workflowId, workflow, inputs, status, ownerId)), List.of(), List.of());
    }

    /**
     * One transaction for many runs: new run rows, events (of any runs), and finished runs' rows, in
     * that order, each statement prepared once for the whole group. Idempotent, so a retry after a
     * commit whose answer was lost changes nothing: a row or event already there is kept.
     */
    public void write(List<NewRun> created, List<StoredEvent> events, List<FinishedRun> finished) {
        if (created.isEmpty() && events.isEmpty() && finished.isEmpty()) return;
        db.transaction(c -> {
            insertRuns(c, created);
            insertEvents(c, events);
            finishAll(c, finished);
            notice(c, events);
            return null;
        });
    }

    /**
     * Asks the database for nothing but an answer.
     *
     * @throws StoreUnavailableException while it cannot be reached
     */
    public void ping() {
        db.withConnection(c -> {
            try (var s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            return null;
        });
    }

    private static void insertRuns(Connection c, List<NewRun> runs) throws SQLException {
        if (runs.isEmpty()) return;
        try (var ps = c.prepareStatement(INSERT_RUN)) {
            insertRuns(ps, runs);
        }
    }

    static void insertRuns(PreparedStatement ps, List<NewRun> runs) throws SQLException {
        String now = Instant.now().toString();
        for (NewRun r : runs) {
            ps.setString(1, r.id());
            ps.setString(2, r.workflowId());
            ps.setString(3, r.workflow());
            ps.setString(4, r.inputs());
            ps.setString(5, r.status());
            ps.setString(6, r.createdAt() != null ? r.createdAt() : now);
            ps.setString(7, r.ownerId());
            ps.addBatch();
        }
        ps.executeBatch();
    }

    public void finish(String id, String status, String outputs, String error, String nodes) {
        db.withConnection(c -> finish(c, id, new RunFinal(status, outputs, error, nodes)));
    }

    /**
     * Stores a run's last events and its final row in one transaction, so the stream and the row
     * never disagree. Idempotent: a retry after a commit whose answer was lost changes nothing.
     */
    public void finish(String id, List<StoredEvent> lastEvents, RunFinal run) {
        db.transaction(c -> {
            insertEvents(c, lastEvents);
            notice(c, lastEvents);
            return finish(c, id, run);
        });
    }

    /** Returns 1 when the run was unfinished and is now finished, 0 when it had already ended. */
    private static int finish(Connection c, String id, RunFinal run) throws SQLException {
        try (var ps = c.prepareStatement(FINISH_RUN)) {
            ps.setString(1, run.status());
            ps.setString(2, run.outputs());
            ps.setString(3, run.error());
            ps.setString(4, run.nodes());
            ps.setString(5, Instant.now().toString());
            ps.setString(6, id);
            return ps.executeUpdate();
        }
    }

    private static void finishAll(Connection c, List<FinishedRun> runs) throws SQLException {
        if (runs.isEmpty()) return;
        try (var ps = c.prepareStatement(FINISH_RUN)) {
            finishAll(ps, runs);
        }
    }

    static void finishAll(PreparedStatement ps, List<FinishedRun> runs) throws SQLException {
        String now = Instant.now().toString();
        for (FinishedRun f : runs) {
            ps.setString(1, f.row().status());
            ps.setString(2, f.row().outputs());
            ps.setString(3, f.row().error());
            ps.setString(4, f.row().nodes());
            ps.setString(5, now);
            ps.setString(6, f.id());
            ps.addBatch();
        }
        ps.executeBatch();
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

    /**
     * A line of a workflow's run history: the summary with the tokens and cost its nodes reported
     * (null while the run has not finished: the nodes are stored when it ends).
     */
    public record HistoryLine(String id, String workflowId, String status, String createdAt, String finishedAt,
                              Long inputTokens, Long outputTokens, BigDecimal costUsd) {}

    /** The newest runs first, at most {@code limit}; only those of {@code workflowId} unless it is null. */
    public List<HistoryLine> history(String workflowId, int limit) {
        return db.withConnection(c -> {
            String where = workflowId == null ? "" : "WHERE workflow_id = ? ";
            try (var ps = c.prepareStatement("SELECT id, workflow_id, status, created_at, finished_at, nodes FROM runs "
                    + where + "ORDER BY created_at DESC, id LIMIT ?")) {
                int i = 1;
                if (workflowId != null) ps.setString(i++, workflowId);
                ps.setInt(i, limit);
                try (var rs = ps.executeQuery()) {
                    var out = new ArrayList<HistoryLine>();
                    while (rs.next()) out.add(historyLine(rs));
                    return out;
                }
            }
        });
    }

    private static HistoryLine historyLine(ResultSet rs) throws SQLException {
        String nodes = rs.getString(6);
        Long in = null, outTokens = null;
        BigDecimal cost = null;
        if (nodes != null) {
            in = 0L;
            outTokens = 0L;
            cost = BigDecimal.ZERO;
            for (var n : Json.parse(nodes)) {
                in += n.path("usage").path("inputTokens").asLong(0);
                outTokens += n.path("usage").path("outputTokens").asLong(0);
                if (n.path("costUsd").isNumber()) cost = cost.add(n.get("costUsd").decimalValue());
            }
        }
        return new HistoryLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), in, outTokens, cost);
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

    /** A run not finished yet and the server instance that runs it (null: unknown). */
    public record Unfinished(String id, String ownerId) {}

    public List<Unfinished> unfinishedWithOwners() {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT id, owner_id FROM runs WHERE status IN ('queued', 'running') ORDER BY created_at");
                 var rs = ps.executeQuery()) {
                var out = new ArrayList<Unfinished>();
                while (rs.next()) out.add(new Unfinished(rs.getString(1), rs.getString(2)));
                return out;
            }
        });
    }

    /**
     * Ends a run that was cut off: appends its terminal event after the ones it has and marks it
     * failed, in one transaction, so its stream and its row agree. Does nothing to a finished run.
     */
    public void markFailed(String id, String terminalName, String terminalData, String error) {
        markFailed(id, 0, terminalName, terminalData, error);
    }

    /**
     * As above, with the terminal event at sequence {@code atLeastSeq} or after the last stored one,
     * whichever is later: a run that lost events leaves a gap rather than reuse a number a client saw.
     */
    public void markFailed(String id, long atLeastSeq, String terminalName, String terminalData, String error) {
        markFailed(id, null, atLeastSeq, terminalName, terminalData, error);
    }

    /**
     * As above, for a run whose own row may not be stored yet ({@code row}, null when it is): the
     * row is inserted first, in the same transaction, so the run is never lost, only failed.
     */
    public void markFailed(String id, NewRun row, long atLeastSeq, String terminalName, String terminalData, String error) {
        markFailed(id, row, atLeastSeq, terminalName, terminalData, error, null);
    }

    /**
     * As above, and the run's per-node records rebuilt by {@code nodes} from its stored node events
     * (null: none recorded). The claim is a conditional update taken first: of two servers failing
     * the same run at once, the second waits on the row's lock, then finds it finished and does
     * nothing. Returns whether this call failed the run.
     */
    public boolean markFailed(String id, NewRun row, long atLeastSeq, String terminalName, String terminalData, String error,
                              Function<List<StoredEvent>, String> nodes) {
        return db.transaction(c -> {
            if (row != null) insertRuns(c, List.of(row));
            if (finish(c, id, new RunFinal("failed", null, error, null)) == 0) return false;
            long next = Math.max(atLeastSeq, lastSeq(c, id) + 1);
            if (nodes != null) setNodes(c, id, nodes.apply(nodeEvents(c, id)));
            var terminal = List.of(new StoredEvent(id, next, terminalName, terminalData));
            insertEvents(c, terminal);
            notice(c, terminal);
            return true;
        });
    }

    private static List<StoredEvent> nodeEvents(Connection c, String id) throws SQLException {
        try (var ps = c.prepareStatement("SELECT seq, name, data FROM run_events WHERE run_id = ? "
                + "AND name IN ('node.started', 'node.completed', 'node.failed') ORDER BY seq")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                var out = new ArrayList<StoredEvent>();
                while (rs.next()) out.add(new StoredEvent(id, rs.getLong(1), rs.getString(2), rs.getString(3)));
                return out;
            }
        }
    }

    private static void setNodes(Connection c, String id, String nodes) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE runs SET nodes = ? WHERE id = ?")) {
            ps.setString(1, nodes);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    /** Appends events; one already stored under the same run and sequence is kept, never duplicated or refused. */
    public void append(List<StoredEvent> events) {
        if (events.isEmpty()) return;
        db.transaction(c -> {
            insertEvents(c, events);
            notice(c, events);
            return null;
        });
    }

    // other instances' subscribers wake when this transaction commits (ADR 28)
    private void notice(Connection c, List<StoredEvent> events) throws SQLException {
        if (db.dialect() == Database.Dialect.POSTGRESQL) EventNotice.send(c, events);
    }

    private static void insertEvents(Connection c, List<StoredEvent> events) throws SQLException {
        if (events.isEmpty()) return;
        try (var ps = c.prepareStatement(INSERT_EVENT)) {
            insertEvents(ps, events);
        }
    }

    static void insertEvents(PreparedStatement ps, List<StoredEvent> events) throws SQLException {
        for (StoredEvent e : events) {
            ps.setString(1, e.runId());
            ps.setLong(2, e.seq());
            ps.setString(3, e.name());
            ps.setString(4, e.data());
            ps.addBatch();
        }
        ps.executeBatch();
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
