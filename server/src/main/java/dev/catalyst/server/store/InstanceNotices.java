package dev.catalyst.server.store;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * A server's notices on PostgreSQL over one dedicated connection (ADR 28's addendum): one
 * {@link NoticeListener}, started with the server, {@code LISTEN}s on the router cooldowns'
 * {@link RouterCooldownStore#CHANNEL}, the run events' {@link EventNotice#CHANNEL} and the cancel
 * requests' {@link CancelNotice#CHANNEL}, and hands each channel's notices to its reader: the
 * server's {@link RouterCooldownStore} and its {@link RunNotices}. After a reconnect the readers
 * re-read (the cooldowns' table, every run reader woken). The one way a server hears the others.
 */
public final class InstanceNotices implements AutoCloseable {
    private final RouterCooldownStore cooldowns;
    private final RunNotices runs;
    private final NoticeListener listener;

    private InstanceNotices(RouterCooldownStore cooldowns, RunNotices runs, NoticeListener listener) {
        this.cooldowns = cooldowns;
        this.runs = runs;
        this.listener = listener;
    }

    /** Starts the cooldown store (with its periodic read) and the one listener. PostgreSQL only. */
    public static InstanceNotices start(Database db, Clock clock) {
        if (db.dialect() != Database.Dialect.POSTGRESQL) throw new IllegalArgumentException("notices need PostgreSQL");
        var cooldowns = RouterCooldownStore.startReading(db, clock);
        var runs = new RunNotices();
        var handlers = new LinkedHashMap<String, NoticeListener.Handler>();
        handlers.put(RouterCooldownStore.CHANNEL, cooldowns.handler());
        handlers.put(EventNotice.CHANNEL, runs.events());
        handlers.put(CancelNotice.CHANNEL, runs.cancels());
        try {
            return new InstanceNotices(cooldowns, runs, NoticeListener.start(db, handlers));
        } catch (RuntimeException e) {
            cooldowns.close();
            throw e;
        }
    }

    /** The server's shared router cooldowns, read again on every other instance's notice. */
    public RouterCooldownStore cooldowns() {
        return cooldowns;
    }

    /** The server's run notices: other instances' events, and cancel requests for its own runs. */
    public RunNotices runs() {
        return runs;
    }

    /** Waits until {@code LISTEN} is first in force on every channel and the reads are done. */
    public boolean awaitListening(Duration wait) throws InterruptedException {
        return listener.awaitListening(wait);
    }

    /** After the server (its run service) is closed: stops the cooldowns' reads and the listener. */
    @Override
    public void close() {
        try {
            cooldowns.close();
        } finally {
            listener.close();
        }
    }
}
