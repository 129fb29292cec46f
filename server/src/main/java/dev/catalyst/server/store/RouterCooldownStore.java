package dev.catalyst.server.store;

import dev.catalyst.llm.nodes.router.RouterState;
import dev.catalyst.llm.nodes.router.SharedCooldowns;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The router's cooldowns in the shared database (table {@code router_cooldowns}, ADR 28). The
 * router never waits on it: a cooldown is written off its path, and lookups answer from a copy of
 * the table's live rows that is read again, off the path too, once it is older than
 * {@code refreshEvery}. On PostgreSQL a server's store also hears the others: a write that starts
 * or extends a cooldown sends a notice on {@link #CHANNEL} in its transaction, and every instance's
 * listener ({@link InstanceNotices}) reads the table again when one arrives (and after each
 * reconnect), so the periodic read is only the safety net. A store that cannot be reached leaves the
 * last copy in use: the cost of an outage is a 429 another instance would have spared, never a
 * stalled router.
 */
public final class RouterCooldownStore implements SharedCooldowns, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RouterCooldownStore.class.getName());
    /** Rows this long past their end are removed by the next write. */
    static final Duration KEEP_EXPIRED = Duration.ofHours(1);
    /** The channel a write that starts or extends a cooldown notifies (payload: the deployment). */
    public static final String CHANNEL = "catalyst_cooldowns";

    private final Database db;
    private final Clock clock;
    private final Duration refreshEvery;
    private final Executor background;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final ReentrantLock reading = new ReentrantLock(); // an older read must not replace a newer copy
    private volatile Map<String, RouterState.Cooldown> copy = Map.of();
    private volatile long readAtMillis = Long.MIN_VALUE / 2; // never read: the first lookup reads
    private volatile Thread refresher; // in a server: reads the table every refreshEvery, so no lookup meets an old copy
    private volatile boolean closed;

    /**
     * @param background where writes and reads run (virtual threads in a server; the caller's thread
     *                   in a test that wants each step done when the call returns)
     */
    public RouterCooldownStore(Database db, Clock clock, Duration refreshEvery, Executor background) {
        this.db = db;
        this.clock = clock;
        this.refreshEvery = refreshEvery;
        this.background = background;
    }

    /**
     * A server's, started by its {@link InstanceNotices} (whose listener hears {@link #CHANNEL} for
     * it, {@link #handler()}): writes on virtual threads; the table read again on every other
     * instance's notice, and every second from now on as the safety net for a notice lost with the
     * listener's link (one small indexed read per second per instance). Closed with the server.
     */
    static RouterCooldownStore startReading(Database db, Clock clock) {
        var store = new RouterCooldownStore(db, clock, Duration.ofSeconds(1), r -> Thread.ofVirtual().name("router-cooldowns").start(r));
        store.refresher = Thread.ofVirtual().name("router-cooldowns-refresh").start(() -> {
            while (!store.closed) {
                store.refresh();
                try {
                    db.config().time().pause().pause(store.refreshEvery);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return store;
    }

    /** What the listener calls for {@link #CHANNEL}. */
    NoticeListener.Handler handler() {
        return new NoticeListener.Handler() {
            @Override
            public void listening(Connection c) throws SQLException {
                readOn(c);
            }

            @Override
            public void noticed(Connection c, String deployment) throws SQLException {
                readOn(c); // the whole copy: one small indexed read, and nothing else can be stale
            }
        };
    }

    /** Stops the periodic read (the listener is its {@link InstanceNotices}' to close). */
    @Override
    public void close() {
        closed = true;
        Thread t = refresher;
        if (t != null) t.interrupt();
    }

    @Override
    public void publish(RouterState.Cooldown c) {
        background.execute(() -> {
            try {
                write(c);
            } catch (StoreException e) {
                LOG.fine("a router cooldown was not shared: " + e.getMessage()); // the store logs outages itself
            }
        });
    }

    private void write(RouterState.Cooldown c) {
        db.transaction(conn -> {
            // a longer cooldown already shared is kept, as in one process
            try (var ps = conn.prepareStatement("INSERT INTO router_cooldowns (deployment, until_ms, reason) VALUES (?, ?, ?) "
                    + "ON CONFLICT (deployment) DO UPDATE SET until_ms = EXCLUDED.until_ms, reason = EXCLUDED.reason "
                    + "WHERE router_cooldowns.until_ms < EXCLUDED.until_ms")) {
                ps.setString(1, c.deployment());
                ps.setLong(2, c.until().toEpochMilli());
                ps.setString(3, c.reason());
                if (ps.executeUpdate() > 0 && db.dialect() == Database.Dialect.POSTGRESQL) {
                    // delivered on commit, so a listener that reads on the notice sees the row
                    try (var notify = conn.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                        notify.setString(1, c.deployment());
                        notify.executeQuery().close();
                    }
                }
            }
            try (var ps = conn.prepareStatement("DELETE FROM router_cooldowns WHERE until_ms < ?")) {
                ps.setLong(1, clock.millis() - KEEP_EXPIRED.toMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<RouterState.Cooldown> find(String deployment, Instant now) {
        if (refresher == null && now.toEpochMilli() - readAtMillis >= refreshEvery.toMillis() && refreshing.compareAndSet(false, true)) {
            background.execute(() -> {
                try {
                    refresh();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        RouterState.Cooldown c = copy.get(deployment);
        return c != null && c.until().isAfter(now) ? Optional.of(c) : Optional.empty();
    }

    private void refresh() {
        try {
            db.withConnection(c -> {
                readOn(c);
                return null;
            });
        } catch (StoreException e) {
            readAtMillis = clock.millis(); // the last copy stays; try again after the interval
        }
    }

    /** Replaces the copy with the table's live rows, read on {@code c}. */
    private void readOn(Connection c) throws SQLException {
        reading.lock();
        try {
            long now = clock.millis();
            var out = new HashMap<String, RouterState.Cooldown>();
            try (var ps = c.prepareStatement("SELECT deployment, until_ms, reason FROM router_cooldowns WHERE until_ms > ?")) {
                ps.setLong(1, now);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new RouterState.Cooldown(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3)));
                    }
                }
            }
            Map<String, RouterState.Cooldown> before = copy;
            copy = Map.copyOf(out);
            readAtMillis = now;
            logNew(before, copy);
        } finally {
            reading.unlock();
        }
    }

    /** Says when a cooldown starts or is extended here (the three-instance test waits for this line). */
    private static void logNew(Map<String, RouterState.Cooldown> before, Map<String, RouterState.Cooldown> after) {
        for (RouterState.Cooldown c : after.values()) {
            RouterState.Cooldown old = before.get(c.deployment());
            if (old == null || old.until().isBefore(c.until())) {
                LOG.info("shared router cooldown in force here: " + c.deployment() + " until " + c.until() + " (" + c.reason() + ")");
            }
        }
    }
}
