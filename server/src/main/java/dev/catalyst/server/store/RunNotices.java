package dev.catalyst.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens for {@link EventNotice}s on a PostgreSQL connection of its own (outside the pool) and
 * wakes the local readers of the runs they name. After any break it reconnects on the outage
 * policy's doubling pause and then wakes every reader, which re-reads the store: a notice sent
 * while nobody listened is never needed, since the event table is the truth (ADR 28).
 */
public final class RunNotices implements AutoCloseable {
    /** A reader of one run; called on the listener's thread, so it must not block. */
    @FunctionalInterface
    public interface Watcher {
        /** Events up to {@code seq} are committed (or, with {@link Long#MAX_VALUE}, something may have been missed). */
        void noticed(long seq);
    }

    private static final Logger LOG = Logger.getLogger(RunNotices.class.getName());
    /** How long the listener waits for a notice before it checks that its connection still answers. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final Database db;
    private final Map<String, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection current;
    private volatile long connects;
    private final java.util.concurrent.CountDownLatch firstConnect = new java.util.concurrent.CountDownLatch(1);

    private RunNotices(Database db) {
        this.db = db;
        this.thread = Thread.ofVirtual().name("run-notices").start(this::loop);
    }

    /** Starts listening; PostgreSQL only (SQLite serves a single instance: ADR 28). */
    public static RunNotices listen(Database db) {
        if (db.dialect() != Database.Dialect.POSTGRESQL) throw new IllegalArgumentException("notices need PostgreSQL");
        return new RunNotices(db);
    }

    /** Wakes {@code w} on every notice for {@code runId} until the returned handle is closed. */
    public AutoCloseable watch(String runId, Watcher w) {
        watchers.computeIfAbsent(runId, k -> ConcurrentHashMap.newKeySet()).add(w);
        return () -> watchers.computeIfPresent(runId, (k, set) -> {
            set.remove(w);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many times the listener has connected (and so woken every reader). */
    public long connects() {
        return connects;
    }

    /**
     * Waits until the listener has connected once: from then on every commit is heard (or, after a
     * break, made up for by the wake-up at the reconnect). Returns false if {@code wait} passed first.
     */
    public boolean awaitListening(Duration wait) throws InterruptedException {
        return firstConnect.await(wait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private void loop() {
        OutagePolicy policy = db.config().outage();
        Duration pause = policy.firstRetry();
        boolean lost = false;
        while (!closed) {
            try (Connection c = db.openDedicated()) {
                current = c;
                if (closed) return;
                try (var s = c.createStatement()) {
                    s.execute("LISTEN " + EventNotice.CHANNEL);
                }
                connects++;
                if (lost) LOG.info("the run-event listener reaches the database again");
                lost = false;
                pause = policy.firstRetry();
                wakeAll(); // events committed while nobody listened are read from the store
                firstConnect.countDown();
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) return;
                if (!lost) LOG.info("the run-event listener lost the database (" + Database.rootMessage(e)
                        + "); readers on other instances' runs poll until it is back");
                lost = true;
            } finally {
                current = null;
            }
            try {
                db.config().time().pause().pause(pause);
            } catch (InterruptedException e) {
                return;
            }
            pause = policy.next(pause);
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
            PGNotification[] got = pg.getNotifications((int) CHECK_EVERY.toMillis());
            if (got == null || got.length == 0) {
                try (var s = c.createStatement()) {
                    s.execute("SELECT 1"); // a half-open link fails here, within the socket timeout
                }
                continue;
            }
            for (PGNotification n : got) EventNotice.parse(n.getParameter(), this::wake);
        }
    }

    private void wake(String runId, long seq) {
        Set<Watcher> set = watchers.get(runId);
        if (set != null) for (Watcher w : set) w.noticed(seq);
    }

    private void wakeAll() {
        for (Set<Watcher> set : watchers.values()) for (Watcher w : set) w.noticed(Long.MAX_VALUE);
    }

    @Override
    public void close() {
        closed = true;
        Connection c = current;
        if (c != null) {
            try {
                c.close(); // ends a wait for notices at once
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
