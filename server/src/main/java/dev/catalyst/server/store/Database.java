package dev.catalyst.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * The database: opened, migrated with Flyway, and handed out one connection at a time. SQLite
 * (one file, WAL) gets a single connection behind a lock, since it allows one writer anyway;
 * PostgreSQL gets a HikariCP pool whose every connection carries statement, lock, idle-in-transaction
 * and socket timeouts (ADR 9), so an outage fails a call in bounded time instead of hanging it.
 */
public final class Database implements AutoCloseable {
    public enum Dialect { SQLITE, POSTGRESQL }

    private static final int POOL_SIZE = 8;
    /** The {@code application_name} of the listener's connection (the only one outside the pool). */
    public static final String LISTENER_APPLICATION = "catalyst-listener";
    /** SQLite's page cache for its one connection, in KiB (native memory). */
    static final int SQLITE_CACHE_KIB = 32 * 1024;

    private final DatabaseUrl url;
    private final String schema;
    private final StoreConfig config;
    private final StoreHealth health;
    private final ReentrantLock sqliteLock = new ReentrantLock();
    private Connection sqlite;
    private HikariDataSource pool;

    private Database(DatabaseUrl url, String schema, StoreConfig config) {
        this.url = url;
        this.schema = schema;
        this.config = config;
        this.health = new StoreHealth(url.display(), config.time().clock());
    }

    public static Database open(DatabaseUrl url) {
        return open(url, null);
    }

    /** Opens and migrates; {@code schema} (PostgreSQL only, may be null) keeps the tables in their own schema. */
    public static Database open(DatabaseUrl url, String schema) {
        return open(url, schema, StoreConfig.defaults());
    }

    /**
     * Opens and migrates with the given timeouts. An unreachable PostgreSQL fails this within about
     * the connect timeout: a start never hangs on it.
     */
    public static Database open(DatabaseUrl url, String schema, StoreConfig config) {
        var db = new Database(url, schema, config);
        try {
            var flyway = Flyway.configure().locations("classpath:catalyst/db/migration");
            if (url.dialect() == Dialect.SQLITE) {
                Path file = Path.of(url.jdbcUrl().substring("jdbc:sqlite:".length()));
                if (file.getParent() != null) Files.createDirectories(file.getParent());
                flyway.dataSource(url.jdbcUrl(), null, null);
            } else {
                db.pool = new HikariDataSource(db.poolConfig());
                flyway.dataSource(db.pool);
                if (schema != null) flyway.schemas(schema).createSchemas(true);
            }
            flyway.load().migrate();
            if (url.dialect() == Dialect.SQLITE) db.sqlite = db.openSqlite();
            return db;
        } catch (Exception e) {
            db.close();
            throw new StoreException("cannot open the database at " + url.display() + ": " + rootMessage(e), e);
        }
    }

    public Dialect dialect() {
        return url.dialect();
    }

    public StoreConfig config() {
        return config;
    }

    /**
     * When (epoch ms, on the store's clock) this process last failed to use the database in a way
     * that may pass (an outage); far in the past if never.
     */
    public long lastOutageMillis() {
        return health.lastFailureMillis();
    }

    /** Where the data lives, without a password. */
    public String describe() {
        return url.display() + (schema == null ? "" : " (schema " + schema + ")");
    }

    private HikariConfig poolConfig() {
        StoreTimeouts t = config.timeouts();
        var hc = new HikariConfig();
        hc.setPoolName("catalyst-db");
        String jdbc = url.jdbcUrl();
        if (schema != null) jdbc += (jdbc.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        hc.setJdbcUrl(jdbc);
        if (url.user() != null) hc.setUsername(url.user());
        if (url.password() != null) hc.setPassword(url.password());
        hc.setMaximumPoolSize(POOL_SIZE);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(Math.max(250, t.poolWait().toMillis()));
        hc.setValidationTimeout(Math.max(250, Math.min(t.poolWait().toMillis(), t.socket().toMillis()) / 2));
        // the first connection may take the whole connect timeout; then opening fails, clearly
        hc.setInitializationFailTimeout(Math.max(1, t.connect().toMillis()));
        // the driver's own settings (a value in CATALYST_DB's query string wins over these)
        hc.addDataSourceProperty("connectTimeout", StoreTimeouts.seconds(t.connect()));
        hc.addDataSourceProperty("loginTimeout", StoreTimeouts.seconds(t.connect()));
        hc.addDataSourceProperty("socketTimeout", StoreTimeouts.seconds(t.socket()));
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("options", "-c statement_timeout=" + t.statement().toMillis()
                + " -c lock_timeout=" + t.lock().toMillis()
                + " -c idle_in_transaction_session_timeout=" + t.idleInTransaction().toMillis());
        return hc;
    }

    /**
     * A PostgreSQL connection of its own, outside the pool, with the pool's connect and socket
     * timeouts: for a user that holds it for the server's life (the notice listener), which would
     * otherwise keep a pooled connection from everyone else.
     */
    Connection openDedicated() throws SQLException {
        if (url.dialect() != Dialect.POSTGRESQL) throw new SQLException("only PostgreSQL has dedicated connections");
        StoreTimeouts t = config.timeouts();
        var props = new Properties();
        if (url.user() != null) props.setProperty("user", url.user());
        if (url.password() != null) props.setProperty("password", url.password());
        props.setProperty("connectTimeout", StoreTimeouts.seconds(t.connect()));
        props.setProperty("loginTimeout", StoreTimeouts.seconds(t.connect()));
        props.setProperty("socketTimeout", StoreTimeouts.seconds(t.socket()));
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", LISTENER_APPLICATION); // an operator tells it from the pool's in pg_stat_activity
        if (schema != null) props.setProperty("currentSchema", schema); // a listener may read the tables too
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    private Connection openSqlite() throws SQLException {
        Connection c = DriverManager.getConnection(url.jdbcUrl(), new Properties());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=" + config.timeouts().sqliteBusy().toMillis());
            // the writer touches a leaf page per live run each group; SQLite's default 2 MiB cache
            // missed at 1,000 streams (about one pread per relayed token, ADR 26)
            s.execute("PRAGMA cache_size=-" + SQLITE_CACHE_KIB);
        }
        return c;
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(SqlWork<T> work) {
        return withConnection(c -> inTransaction(c, work));
    }

    private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.apply(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException broken) {
                e.addSuppressed(broken); // the connection died; the pool drops it
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException broken) {
                // the pool resets or drops it
            }
        }
    }

    /**
     * Runs work with a connection. A failure that may pass (no connection, a timeout, a lock held
     * too long) throws {@link StoreUnavailableException}; any other a {@link StoreException}.
     */
    public <T> T withConnection(SqlWork<T> work) {
        try {
            T result;
            if (url.dialect() == Dialect.SQLITE) {
                sqliteLock.lock();
                try {
                    result = work.apply(sqlite);
                } finally {
                    sqliteLock.unlock();
                }
            } else {
                try (Connection c = pool.getConnection()) {
                    result = work.apply(c);
                }
            }
            health.ok();
            return result;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Where a kept connection comes from: SQLite's one connection (used under its lock, so kept
     * statements share it with everyone else), or a PostgreSQL connection held out of the pool
     * (the pool keeps the rest for readers).
     */
    KeptConnection.Source keptSource() {
        if (url.dialect() == Dialect.SQLITE) {
            return new KeptConnection.Source() {
                @Override public Connection take() {
                    return sqlite;
                }

                @Override public void giveBack(Connection c) {
                    // it stays the database's
                }
            };
        }
        return new KeptConnection.Source() {
            @Override public Connection take() throws SQLException {
                return pool.getConnection();
            }

            @Override public void giveBack(Connection c) throws SQLException {
                c.close();
            }
        };
    }

    /**
     * As {@link #transaction(SqlWork)}, on a kept connection whose statements the work takes from
     * it. A kept connection that worked before and is now found broken (the database restarted, a
     * proxy dropped an idle link) is replaced and the work tried once more at once, as a pool would
     * have checked it before lending it; the work must be idempotent. Any failure drops the
     * connection's statements, and the connection when it may be at fault.
     */
    <T> T transaction(KeptConnection kept, SqlWork<T> work) {
        boolean sqliteLocked = url.dialect() == Dialect.SQLITE;
        if (sqliteLocked) sqliteLock.lock();
        try {
            while (true) {
                boolean proven = kept.proven();
                try {
                    T result = inTransaction(kept.connection(), work);
                    kept.worked();
                    health.ok();
                    return result;
                } catch (SQLException e) {
                    boolean broken = StoreHealth.brokenLink(e);
                    kept.failed(broken || StoreHealth.isTransient(e));
                    if (!broken || !proven || Thread.currentThread().isInterrupted()) throw failure(e);
                    if (pool != null) pool.getHikariPoolMXBean().softEvictConnections(); // its idle peers likely broke too
                }
            }
        } finally {
            if (sqliteLocked) sqliteLock.unlock();
        }
    }

    /** Closes a kept connection's statements and hands the connection back. */
    void release(KeptConnection kept) {
        boolean sqliteLocked = url.dialect() == Dialect.SQLITE;
        if (sqliteLocked) sqliteLock.lock();
        try {
            kept.close();
        } finally {
            if (sqliteLocked) sqliteLock.unlock();
        }
    }

    private RuntimeException failure(SQLException e) {
        if (health.failed(e)) {
            // one broken link means the others are likely broken too: start afresh when the database returns
            if (pool != null && StoreHealth.brokenLink(e)) pool.getHikariPoolMXBean().softEvictConnections();
            return new StoreUnavailableException("the database is unavailable: " + rootMessage(e), e,
                    config.outage().retryAfterSeconds());
        }
        return new StoreException("database error: " + rootMessage(e), e);
    }

    @Override
    public void close() {
        try {
            if (sqlite != null) sqlite.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        if (pool != null) pool.close();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
