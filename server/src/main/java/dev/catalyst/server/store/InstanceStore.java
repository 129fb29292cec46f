package dev.catalyst.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The server instances using this database, each with a lease it renews while it lives (ADR 9). */
public final class InstanceStore {
    private final Database db;

    public InstanceStore(Database db) {
        this.db = db;
    }

    /** One instance's row: where it runs, and until when (epoch milliseconds) it counts as alive. */
    public record Lease(String ownerId, String hostKey, long pid, String processStart, long expiresAtMillis) {}

    /** Writes or refreshes the lease: inserted when missing (e.g. removed while this instance was cut off). */
    public void renew(Lease lease) {
        db.transaction(c -> {
            try (var ps = c.prepareStatement("UPDATE instances SET expires_at = ? WHERE owner_id = ?")) {
                ps.setLong(1, lease.expiresAtMillis());
                ps.setString(2, lease.ownerId());
                if (ps.executeUpdate() == 1) return null;
            }
            insert(c, lease);
            return null;
        });
    }

    private static void insert(Connection c, Lease lease) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO instances (owner_id, host_key, pid, process_start, started_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, lease.ownerId());
            ps.setString(2, lease.hostKey());
            ps.setLong(3, lease.pid());
            ps.setString(4, lease.processStart());
            ps.setString(5, Instant.now().toString());
            ps.setLong(6, lease.expiresAtMillis());
            ps.executeUpdate();
        }
    }

    public List<Lease> all() {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT owner_id, host_key, pid, process_start, expires_at FROM instances ORDER BY owner_id");
                 var rs = ps.executeQuery()) {
                var out = new ArrayList<Lease>();
                while (rs.next()) out.add(new Lease(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5)));
                return out;
            }
        });
    }

    /** When this process last met a database outage (see {@link Database#lastOutageMillis()}). */
    public long lastOutageMillis() {
        return db.lastOutageMillis();
    }

    public void remove(String ownerId) {
        db.withConnection(c -> {
            try (var ps = c.prepareStatement("DELETE FROM instances WHERE owner_id = ?")) {
                ps.setString(1, ownerId);
                return ps.executeUpdate();
            }
        });
    }
}
