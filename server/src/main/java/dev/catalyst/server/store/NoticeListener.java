package dev.catalyst.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL channels over one connection of its own (outside the pool), for
 * {@link RunNotices} (run events, cancel requests) and the router's shared cooldowns, each channel's
 * notices going to its handler (a server has one listener for all: {@link InstanceNotices}): waits {@link RunNotices#CHECK_EVERY} for notices, then
 * checks the link with {@code SELECT 1}; after any break reconnects on the outage policy's doubling
 * pause, and then every handler's {@link Handler#listening} runs. Every {@code LISTEN} is issued by the
 * listener's own thread as it connects, never on a connection the loop is blocked on. A handler reads on the listener's connection, the one just shown to work: a read right
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
    private final Map<String, Handler> handlers; // by channel, in the order given
    private final String name; // the channels, for the thread and the log
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection current;
    private final CountDownLatch firstListen = new CountDownLatch(1);

    private NoticeListener(Database db, Map<String, Handler> handlers) {
        this.db = db;
        this.handlers = handlers;
        this.name = String.join("+", handlers.keySet());
        this.thread = Thread.ofVirtual().name(name + "-listener").start(this::loop);
    }

    /**
     * Starts listening on every channel of {@code handlers} over one connection; a notice goes to its
     * channel's handler. PostgreSQL only.
     */
    static NoticeListener start(Database db, Map<String, Handler> handlers) {
        if (db.dialect() != Database.Dialect.POSTGRESQL) throw new IllegalArgumentException("notices need PostgreSQL");
        if (handlers.isEmpty()) throw new IllegalArgumentException("no channel to listen on");
        for (String channel : handlers.keySet()) {
            // the name goes into LISTEN as an identifier: our own constants, never a user's text
            if (!channel.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("not a channel name: " + channel);
        }
        return new NoticeListener(db, new LinkedHashMap<>(handlers));
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
                    for (String channel : handlers.keySet()) s.execute("LISTEN " + channel);
                }
                if (lost) LOG.info("the " + name + " listener reaches the database again");
                lost = false;
                pause = policy.firstRetry();
                for (Handler h : handlers.values()) h.listening(c);
                if (firstListen.getCount() > 0) LOG.fine("listening on " + name);
                firstListen.countDown();
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) return;
                if (!lost) LOG.info("the " + name + " listener lost the database (" + Database.rootMessage(e) + ")");
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
            for (PGNotification n : got) {
                Handler h = handlers.get(n.getName());
                if (h != null) h.noticed(c, n.getParameter()); // only our channels are listened on
            }
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
