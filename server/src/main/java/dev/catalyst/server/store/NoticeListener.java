package dev.catalyst.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on one PostgreSQL channel over a connection of its own (outside the pool), for
 * {@link RunNotices} (run events) and the router's shared cooldowns: waits {@link RunNotices#CHECK_EVERY} for notices, then
 * checks the link with {@code SELECT 1}; after any break reconnects on the outage policy's doubling
 * pause. The handler reads on the listener's connection, the one just shown to work: a read right
 * after a reconnect must not meet a pooled connection the break left dead.
 */
final class NoticeListener implements AutoCloseable {
    /** Called on the listener's thread; a failure counts as a break of the link (reconnect, then {@link #listening}). */
    interface Handler {
        /** {@code LISTEN} is in force (first connect or after a break): read what a lost notice would have said. */
        void listening(Connection c) throws SQLException;

        void noticed(Connection c, String payload) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(NoticeListener.class.getName());

    private final Database db;
    private final String channel;
    private final Handler handler;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection current;
    private final CountDownLatch firstListen = new CountDownLatch(1);

    private NoticeListener(Database db, String channel, Handler handler) {
        this.db = db;
        this.channel = channel;
        this.handler = handler;
        this.thread = Thread.ofVirtual().name(channel + "-listener").start(this::loop);
    }

    /** Starts listening on {@code channel}. PostgreSQL only. */
    static NoticeListener start(Database db, String channel, Handler handler) {
        if (db.dialect() != Database.Dialect.POSTGRESQL) throw new IllegalArgumentException("notices need PostgreSQL");
        return new NoticeListener(db, channel, handler);
    }

    /** Waits until {@code LISTEN} is first in force and its read done: from then on every commit is heard. */
    boolean awaitListening(Duration wait) throws InterruptedException {
        return firstListen.await(wait.toNanos(), TimeUnit.NANOSECONDS);
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
                    s.execute("LISTEN " + channel);
                }
                if (lost) LOG.info("the " + channel + " listener reaches the database again");
                lost = false;
                pause = policy.firstRetry();
                handler.listening(c);
                firstListen.countDown();
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) return;
                if (!lost) LOG.info("the " + channel + " listener lost the database (" + Database.rootMessage(e) + ")");
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
            PGNotification[] got = pg.getNotifications((int) RunNotices.CHECK_EVERY.toMillis());
            if (got == null || got.length == 0) {
                try (var s = c.createStatement()) {
                    s.execute("SELECT 1"); // a half-open link fails here, within the socket timeout
                }
                continue;
            }
            for (PGNotification n : got) handler.noticed(c, n.getParameter());
        }
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
