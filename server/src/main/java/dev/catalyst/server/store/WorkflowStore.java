package dev.catalyst.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Stored workflows, by id, with a numbered version per save. A save whose definition equals the
 * latest version's keeps that version (an autosave of an unchanged graph adds nothing). At most
 * {@code versionsKept} versions are kept per workflow: a save beyond that deletes the oldest (the
 * numbers go on; a run keeps its own copy of the definition it ran, so its history is unaffected).
 */
public final class WorkflowStore {
    private final Database db;
    private final int versionsKept;

    /** Keeps as many versions per workflow as the database's {@link StoreConfig#versionsKept()} says. */
    public WorkflowStore(Database db) {
        this(db, db.config().versionsKept());
    }

    public WorkflowStore(Database db, int versionsKept) {
        if (versionsKept < 1) throw new IllegalArgumentException("versionsKept must be at least 1, not " + versionsKept);
        this.db = db;
        this.versionsKept = versionsKept;
    }

    /** What a save did: whether the workflow existed before, and the version it is at now. */
    public record Saved(boolean existed, long version) {}

    /** One kept version, without its definition (the list view). */
    public record VersionInfo(long version, String name, String savedAt) {}

    /** One kept version with its definition. */
    public record StoredVersion(long version, String name, String definition, String savedAt) {}

    /** What a rename did. */
    public enum Renamed { RENAMED, NOT_FOUND, TAKEN }

    public List<StoredWorkflow> list() {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT id, name, definition, created_at, updated_at FROM workflows ORDER BY id");
                 var rs = ps.executeQuery()) {
                var out = new ArrayList<StoredWorkflow>();
                while (rs.next()) out.add(row(rs));
                return out;
            }
        });
    }

    public Optional<StoredWorkflow> find(String id) {
        return db.withConnection(c -> find(c, id));
    }

    /** Inserts a new workflow as its version 1; empty when the id is taken. */
    public Optional<Saved> create(String id, String name, String definition) {
        return db.transaction(c -> {
            if (find(c, id).isPresent()) return Optional.<Saved>empty();
            String now = Instant.now().toString();
            insert(c, id, name, definition, now, now);
            return Optional.of(new Saved(false, addVersion(c, id, name, definition, now)));
        });
    }

    /** Replaces a workflow or creates it, keeping the definition as a version. */
    public Saved put(String id, String name, String definition) {
        return db.transaction(c -> {
            String now = Instant.now().toString();
            // the update locks the row (PostgreSQL), so two saves of one workflow number their versions in turn
            boolean existed;
            try (var ps = c.prepareStatement("UPDATE workflows SET name = ?, definition = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, name);
                ps.setString(2, definition);
                ps.setString(3, now);
                ps.setString(4, id);
                existed = ps.executeUpdate() == 1;
            }
            if (!existed) insert(c, id, name, definition, now, now);
            return new Saved(existed, addVersion(c, id, name, definition, now));
        });
    }

    /** The kept versions of a workflow, newest first (empty when it has none). */
    public List<VersionInfo> versions(String id) {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement(
                    "SELECT version, name, saved_at FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    var out = new ArrayList<VersionInfo>();
                    while (rs.next()) out.add(new VersionInfo(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    return out;
                }
            }
        });
    }

    public Optional<StoredVersion> version(String id, long version) {
        return db.withConnection(c -> version(c, id, version));
    }

    /**
     * Makes an old version the current definition again, as a new version (nothing is lost: the
     * versions after it stay). {@code redefine} adjusts the old definition (its id) on the way.
     * Empty when the workflow or the version does not exist.
     */
    public Optional<Saved> restore(String id, long version, UnaryOperator<String> redefine) {
        return db.transaction(c -> {
            if (find(c, id).isEmpty()) return Optional.<Saved>empty();
            var old = version(c, id, version);
            if (old.isEmpty()) return Optional.<Saved>empty();
            String definition = redefine.apply(old.get().definition());
            String now = Instant.now().toString();
            try (var ps = c.prepareStatement("UPDATE workflows SET name = ?, definition = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, old.get().name());
                ps.setString(2, definition);
                ps.setString(3, now);
                ps.setString(4, id);
                ps.executeUpdate();
            }
            return Optional.of(new Saved(true, addVersion(c, id, old.get().name(), definition, now)));
        });
    }

    /**
     * Gives a workflow a new id, with its versions and its runs. Never replaces another workflow:
     * a taken id is refused. {@code redefine} rewrites the definition for its new id.
     */
    public Renamed rename(String from, String to, UnaryOperator<String> redefine) {
        return db.transaction(c -> {
            var current = find(c, from);
            if (current.isEmpty()) return Renamed.NOT_FOUND;
            if (find(c, to).isPresent()) return Renamed.TAKEN;
            StoredWorkflow w = current.get();
            String definition = redefine.apply(w.definition());
            String now = Instant.now().toString();
            insert(c, to, w.name(), definition, w.createdAt(), now);
            update(c, "DELETE FROM workflows WHERE id = ?", from);
            update(c, "UPDATE workflow_versions SET workflow_id = ? WHERE workflow_id = ?", to, from);
            update(c, "UPDATE runs SET workflow_id = ? WHERE workflow_id = ?", to, from);
            addVersion(c, to, w.name(), definition, now);
            return Renamed.RENAMED;
        });
    }

    /** Deletes a workflow and its versions (its runs stay in the history). */
    public boolean delete(String id) {
        return db.transaction(c -> {
            update(c, "DELETE FROM workflow_versions WHERE workflow_id = ?", id);
            return update(c, "DELETE FROM workflows WHERE id = ?", id) == 1;
        });
    }

    // the next version number, unless the definition is the latest version's; then the oldest beyond the limit go
    private long addVersion(Connection c, String id, String name, String definition, String now) throws SQLException {
        long latest = 0;
        String latestDefinition = null;
        try (var ps = c.prepareStatement(
                "SELECT version, definition FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC LIMIT 1")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    latest = rs.getLong(1);
                    latestDefinition = rs.getString(2);
                }
            }
        }
        if (definition.equals(latestDefinition)) return latest;
        try (var ps = c.prepareStatement(
                "INSERT INTO workflow_versions (workflow_id, version, name, definition, saved_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, latest + 1);
            ps.setString(3, name);
            ps.setString(4, definition);
            ps.setString(5, now);
            ps.executeUpdate();
        }
        pruneVersions(c, id, latest + 1);
        return latest + 1;
    }

    // versions are numbered without gaps from the oldest kept, so the oldest are those below newest - kept + 1
    private void pruneVersions(Connection c, String id, long newest) throws SQLException {
        long oldestKept = newest - versionsKept + 1;
        if (oldestKept <= 1) return;
        try (var ps = c.prepareStatement("DELETE FROM workflow_versions WHERE workflow_id = ? AND version < ?")) {
            ps.setString(1, id);
            ps.setLong(2, oldestKept);
            ps.executeUpdate();
        }
    }

    private static Optional<StoredWorkflow> find(Connection c, String id) throws SQLException {
        try (var ps = c.prepareStatement("SELECT id, name, definition, created_at, updated_at FROM workflows WHERE id = ?")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static Optional<StoredVersion> version(Connection c, String id, long version) throws SQLException {
        try (var ps = c.prepareStatement(
                "SELECT version, name, definition, saved_at FROM workflow_versions WHERE workflow_id = ? AND version = ?")) {
            ps.setString(1, id);
            ps.setLong(2, version);
            try (var rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new StoredVersion(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    private static void insert(Connection c, String id, String name, String definition, String createdAt, String updatedAt)
            throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO workflows (id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, definition);
            ps.setString(4, createdAt);
            ps.setString(5, updatedAt);
            ps.executeUpdate();
        }
    }

    private static int update(Connection c, String sql, String... params) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            return ps.executeUpdate();
        }
    }

    private static StoredWorkflow row(ResultSet rs) throws SQLException {
        return new StoredWorkflow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
