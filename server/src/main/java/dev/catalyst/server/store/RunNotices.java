package dev.catalyst.server.store;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listens for {@link EventNotice}s (a {@link NoticeListener}: a PostgreSQL connection of its own,
 * outside the pool) and wakes the local readers of the runs they name. After any break it
 * reconnects on the outage policy's doubling pause and then wakes every reader, which re-reads the store: a notice sent
 * while nobody listened is never needed, since the event table is the truth (ADR 28).
 */
public final class RunNotices implements AutoCloseable {
    /** A reader of one run; called on the listener's thread, so it must not block. */
    @FunctionalInterface
    public interface Watcher {
        /** Events up to {@code seq} are committed (or, with {@link Long#MAX_VALUE}, something may have been missed). */
        void noticed(long seq);
    }

    /** How long the listener waits for a notice before it checks that its connection still answers. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final Map<String, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private volatile NoticeListener listener; // set once, right after the listener is started
    private final boolean ownsListener; // false: a server's shared listener, closed by its InstanceNotices
    private volatile long connects;

    private RunNotices(boolean ownsListener) {
        this.ownsListener = ownsListener;
    }

    /** Starts listening on a connection of its own; PostgreSQL only (SQLite serves a single instance: ADR 28). */
    public static RunNotices listen(Database db) {
        var notices = new RunNotices(true);
        notices.listener = NoticeListener.start(db, EventNotice.CHANNEL, notices.handler());
        return notices;
    }

    /** Heard by a listener {@code owner} starts and closes: call {@link #heardBy} once it is started. */
    static RunNotices shared() {
        return new RunNotices(false);
    }

    void heardBy(NoticeListener l) {
        listener = l;
    }

    /** What the listener calls for {@link EventNotice#CHANNEL}. */
    NoticeListener.Handler handler() {
        return new NoticeListener.Handler() {
            @Override
            public void listening(Connection c) {
                connects++;
                wakeAll(); // events committed while nobody listened are read from the store
            }

            @Override
            public void noticed(Connection c, String payload) {
                EventNotice.parse(payload, RunNotices.this::wake);
            }
        };
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
        return listener.awaitListening(wait);
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
        if (ownsListener) listener.close(); // a shared one is closed by its owner, after the run service
    }
}
