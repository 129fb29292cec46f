package dev.catalyst.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection a long-lived user keeps (the run writer), with each statement prepared once on it
 * and reused while the connection lasts. A failure drops the statements (and the connection, when
 * it may be what failed), so the next use starts afresh. Used by one thread at a time.
 */
final class KeptConnection implements AutoCloseable {
    /** Where the connection comes from and goes back to. */
    interface Source {
        Connection take() throws SQLException;

        void giveBack(Connection c) throws SQLException;
    }

    private final Source source;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;
    private boolean proven; // it has done work: a failure now may be its age (a restarted database), not an outage

    KeptConnection(Source source) {
        this.source = source;
    }

    Connection connection() throws SQLException {
        if (connection == null) connection = source.take();
        return connection;
    }

    /** The statement for {@code sql}, prepared on this connection the first time it is asked for. */
    PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection().prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Whether the connection held now has already done work. */
    boolean proven() {
        return proven;
    }

    void worked() {
        proven = true;
    }

    /** After a failure: the statements go; the connection too when {@code connectionToo}. */
    void failed(boolean connectionToo) {
        closeStatements();
        if (connectionToo) dropConnection();
    }

    @Override
    public void close() {
        closeStatements();
        dropConnection();
    }

    private void closeStatements() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // its connection is gone or going; nothing to keep
            }
        }
        statements.clear();
    }

    private void dropConnection() {
        Connection c = connection;
        connection = null;
        proven = false;
        if (c == null) return;
        try {
            source.giveBack(c);
        } catch (SQLException ignored) {
            // a broken connection: the pool drops it
        }
    }
}
