package dev.catalyst.server.store;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A server's notices about runs, heard through its one listener ({@link InstanceNotices}): the
 * {@link EventNotice}s wake the local readers of the runs they name, and after every reconnect every
 * reader is woken to re-read the store (a notice sent while nobody listened is never needed, since
 * the event table is the truth, ADR 28); the {@link CancelNotice}s go to the run service, which
 * cancels the run if it is one of its own.
 */
public final class RunNotices {
    /** A reader of one run; called on the listener's thread, so it must not block. */
    @FunctionalInterface
    public interface Watcher {
        /** Events up to {@code seq} are committed (or, with {@link Long#MAX_VALUE}, something may have been missed). */
        void noticed(long seq);
    }

    /** How long the listener waits for a notice before it checks that its connection still answers. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final Map<String, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final Set<Consumer<String>> cancellers = ConcurrentHashMap.newKeySet();
    private volatile long connects;

    /** Built by {@link InstanceNotices}, whose listener calls {@link #events()} and {@link #cancels()}. */
    RunNotices() {}

    /** What the listener calls for {@link EventNotice#CHANNEL}. */
    NoticeListener.Handler events() {
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

    /**
     * What the listener calls for {@link CancelNotice#CHANNEL}. A request sent while the link was
     * broken is lost: the instance that asked answers "cancelling" when its wait passes.
     */
    NoticeListener.Handler cancels() {
        return new NoticeListener.Handler() {
            @Override
            public void listening(Connection c) {
                // nothing to re-read: a cancel request is not stored
            }

            @Override
            public void noticed(Connection c, String runId) {
                for (Consumer<String> canceller : cancellers) canceller.accept(runId);
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

    /**
     * Hands {@code canceller} the id of every run another instance was asked to cancel, until the
     * returned handle is closed; called on the listener's thread, so it must not block.
     */
    public AutoCloseable onCancel(Consumer<String> canceller) {
        cancellers.add(canceller);
        return () -> cancellers.remove(canceller);
    }

    /** How many times the listener has connected (and so woken every reader). */
    public long connects() {
        return connects;
    }

    private void wake(String runId, long seq) {
        Set<Watcher> set = watchers.get(runId);
        if (set != null) for (Watcher w : set) w.noticed(seq);
    }

    private void wakeAll() {
        for (Set<Watcher> set : watchers.values()) for (Watcher w : set) w.noticed(Long.MAX_VALUE);
    }
}
