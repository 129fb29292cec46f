package dev.catalyst.server.store;

import java.util.List;

/**
 * The run writer's way to the store: a connection it keeps (SQLite's one connection, or one held
 * out of PostgreSQL's pool) with the writer's statements prepared once on it and reused by every
 * group, instead of prepared again per transaction. A failure drops the statements, and the
 * connection when it may be at fault; the next write takes a fresh one. Used by one thread.
 */
public final class WriteSession implements AutoCloseable {
    private final Database db;
    private final KeptConnection kept;

    WriteSession(Database db, KeptConnection kept) {
        this.db = db;
        this.kept = kept;
    }

    /** As {@link RunStore#write}: one idempotent transaction of new rows, events and finished rows. */
    public void write(List<NewRun> created, List<StoredEvent> events, List<FinishedRun> finished) {
        if (created.isEmpty() && events.isEmpty() && finished.isEmpty()) return;
        db.transaction(kept, c -> {
            if (!created.isEmpty()) RunStore.insertRuns(kept.prepared(RunStore.INSERT_RUN), created);
            if (!events.isEmpty()) RunStore.insertEvents(kept.prepared(RunStore.INSERT_EVENT), events);
            if (!finished.isEmpty()) RunStore.finishAll(kept.prepared(RunStore.FINISH_RUN), finished);
            // other instances' subscribers wake on commit (ADR 28)
            if (!events.isEmpty() && db.dialect() == Database.Dialect.POSTGRESQL) {
                EventNotice.send(kept.prepared(EventNotice.SEND), c, events);
            }
            return null;
        });
    }

    /** Closes the statements and hands the connection back. */
    @Override
    public void close() {
        db.release(kept);
    }
}
