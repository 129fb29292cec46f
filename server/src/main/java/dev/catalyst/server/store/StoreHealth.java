package dev.catalyst.server.store;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Sorts database failures into "try again later" and "this will not work", and logs an outage
 * once per kind of failure (not once per request: an outage refuses thousands), then once when
 * the database answers again.
 */
final class StoreHealth {
    private static final Logger LOG = Logger.getLogger(StoreHealth.class.getName());

    private final String where;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile boolean down;
    private final java.time.Clock clock;
    private volatile long lastFailureMillis = Long.MIN_VALUE / 2; // none yet

    StoreHealth(String where, java.time.Clock clock) {
        this.where = where;
        this.clock = clock;
    }

    /** When (epoch ms, on the store's clock) a use of the database last failed in a way that may pass. */
    long lastFailureMillis() {
        return lastFailureMillis;
    }

    /** Called after any successful use of the database. */
    void ok() {
        if (!down) return;
        synchronized (this) {
            if (!down) return;
            down = false;
            seen.clear();
        }
        LOG.info("database " + where + " answers again");
    }

    /** Records a failure and says whether trying again later may help. */
    boolean failed(SQLException e) {
        boolean transientKind = isTransient(e);
        if (transientKind) {
            down = true;
            lastFailureMillis = clock.millis();
            String kind = kind(e);
            if (seen.add(kind)) {
                LOG.warning("database " + where + " unavailable (" + kind + "): " + Database.rootMessage(e)
                        + "; new runs get 503 and live runs keep their events in memory until it returns");
            }
        }
        return transientKind;
    }

    static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) return true;
        String state = e.getSQLState();
        if (state == null) return hasCause(e, IOException.class) || sqliteBusy(e);
        // 08 connection, 57 operator intervention and statement timeout, 53 resources (too many
        // connections), 40 rollback (deadlock, serialization), 55P03 lock timeout, 25P03 idle-in-transaction end
        return state.startsWith("08") || state.startsWith("57") || state.startsWith("53") || state.startsWith("40")
                || state.equals("55P03") || state.equals("25P03") || sqliteBusy(e);
    }

    /** The connection itself failed (as opposed to a statement on a sound connection). */
    static boolean brokenLink(SQLException e) {
        String state = e.getSQLState();
        return (state != null && state.startsWith("08")) || e instanceof SQLRecoverableException || hasCause(e, IOException.class);
    }

    // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another writer holds the file
    private static boolean sqliteBusy(SQLException e) {
        return e.getClass().getName().startsWith("org.sqlite") && (e.getErrorCode() == 5 || e.getErrorCode() == 6);
    }

    private static String kind(SQLException e) {
        return e.getSQLState() != null ? "SQLState " + e.getSQLState() : e.getClass().getSimpleName();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }
}
