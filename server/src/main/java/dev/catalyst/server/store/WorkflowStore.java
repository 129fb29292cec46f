package dev.catalyst.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stored workflows, by id. */
public final class WorkflowStore {
    private final Database db;

    public WorkflowStore(Database db) {
        this.db = db;
    }

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
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT id, name, definition, created_at, updated_at FROM workflows WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<StoredWorkflow>empty();
                }
            }
        });
    }

    /** Inserts a new workflow; false when the id is taken. */
    public boolean create(String id, String name, String definition) {
        return db.transaction(c -> {
            try (var check = c.prepareStatement("SELECT 1 FROM workflows WHERE id = ?")) {
                check.setString(1, id);
                try (var rs = check.executeQuery()) {
                    if (rs.next()) return false;
                }
            }
            String now = Instant.now().toString();
            insert(c, id, name, definition, now);
            return true;
        });
    }

    /** Replaces a workflow or creates it; true when it existed before. */
    public boolean put(String id, String name, String definition) {
        return db.transaction(c -> {
            String now = Instant.now().toString();
            try (var ps = c.prepareStatement("UPDATE workflows SET name = ?, definition = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, name);
                ps.setString(2, definition);
                ps.setString(3, now);
                ps.setString(4, id);
                if (ps.executeUpdate() == 1) return true;
            }
            insert(c, id, name, definition, now);
            return false;
        });
    }

    private static void insert(java.sql.Connection c, String id, String name, String definition, String now) throws java.sql.SQLException {
        try (var ps = c.prepareStatement("INSERT INTO workflows (id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, definition);
            ps.setString(4, now);
            ps.setString(5, now);
            ps.executeUpdate();
        }
    }

    public boolean delete(String id) {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("DELETE FROM workflows WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static StoredWorkflow row(ResultSet rs) throws SQLException {
        return new StoredWorkflow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
