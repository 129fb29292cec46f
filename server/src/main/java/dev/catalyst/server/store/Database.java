package dev.catalyst.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * The database: opened, migrated with Flyway, and handed out one connection at a time. SQLite
 * (one file, WAL) gets a single connection behind a lock, since it allows one writer anyway;
 * PostgreSQL gets a small pool.
 */
public final class Database implements AutoCloseable {
    public enum Dialect { SQLITE, POSTGRESQL }

    private static final int POOL_SIZE = 8;

    private final DatabaseUrl url;
    private final String schema;
    private final ReentrantLock sqliteLock = new ReentrantLock();
    private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private Connection sqlite;

    private Database(DatabaseUrl url, String schema) {
        this.url = url;
        this.schema = schema;
    }

    public static Database open(DatabaseUrl url) {
        return open(url, null);
    }

    /** Opens and migrates; {@code schema} (PostgreSQL only, may be null) keeps the tables in their own schema. */
    public static Database open(DatabaseUrl url, String schema) {
        var db = new Database(url, schema);
        try {
            if (url.dialect() == Dialect.SQLITE) {
                Path file = Path.of(url.jdbcUrl().substring("jdbc:sqlite:".length()));
                if (file.getParent() != null) Files.createDirectories(file.getParent());
            }
            var flyway = Flyway.configure()
                    .dataSource(db.jdbcUrl(), url.user(), url.password())
                    .locations("classpath:catalyst/db/migration");
            if (schema != null) flyway.schemas(schema).createSchemas(true);
            flyway.load().migrate();
            if (url.dialect() == Dialect.SQLITE) {
                db.sqlite = db.connect();
                try (Statement s = db.sqlite.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=NORMAL");
                    s.execute("PRAGMA busy_timeout=5000");
                }
            }
            return db;
        } catch (Exception e) {
            db.close();
            throw new StoreException("cannot open the database at " + url.display() + ": " + rootMessage(e), e);
        }
    }

    public Dialect dialect() {
        return url.dialect();
    }

    /** Where the data lives, without a password. */
    public String describe() {
        return url.display() + (schema == null ? "" : " (schema " + schema + ")");
    }

    private String jdbcUrl() {
        if (schema == null || url.dialect() == Dialect.SQLITE) return url.jdbcUrl();
        return url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private Connection connect() throws SQLException {
        var props = new Properties();
        if (url.user() != null) props.setProperty("user", url.user());
        if (url.password() != null) props.setProperty("password", url.password());
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(SqlWork<T> work) {
        return withConnection(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    public <T> T withConnection(SqlWork<T> work) {
        try {
            if (url.dialect() == Dialect.SQLITE) {
                sqliteLock.lock();
                try {
                    return work.apply(sqlite);
                } finally {
                    sqliteLock.unlock();
                }
            }
            Connection c = borrow();
            boolean healthy = true;
            try {
                return work.apply(c);
            } catch (SQLException e) {
                healthy = c.isValid(1);
                throw e;
            } finally {
                if (healthy) idle.push(c); else discard(c);
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + rootMessage(e), e);
        }
    }

    private Connection borrow() throws SQLException {
        Connection c = idle.poll();
        if (c != null) return c;
        synchronized (all) {
            if (all.size() < POOL_SIZE) {
                c = connect();
                all.add(c);
                return c;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection");
        }
    }

    private void discard(Connection c) {
        synchronized (all) {
            all.remove(c);
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // it was broken already
        }
    }

    @Override
    public void close() {
        try {
            if (sqlite != null) sqlite.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        synchronized (all) {
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            all.clear();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
