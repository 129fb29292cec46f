package dev.catalyst.server.runs;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.json.Json;
import dev.catalyst.engine.RunEventSink;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one sink of a live run. It numbers events, hands them to a writer thread that appends them
 * to the store in batches, and offers each to every live subscriber. Offering never blocks: a
 * subscriber whose bounded buffer is full is switched to catching up from the store, so one slow
 * reader slows neither the engine nor the other readers.
 */
public final class RunSink implements RunEventSink {
    private static final Logger LOG = Logger.getLogger(RunSink.class.getName());
    private static final int MAX_BATCH = 512;

    private final String runId;
    private final RunStore store;
    private final int subscriberBuffer;
    private final LinkedBlockingQueue<StoredEvent> toWrite = new LinkedBlockingQueue<>();
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final Object persistedLock = new Object();
    private long lastSeq;
    private volatile long persistedSeq;
    private volatile boolean ended;

    public RunSink(String runId, RunStore store, int subscriberBuffer) {
        this.runId = runId;
        this.store = store;
        this.subscriberBuffer = subscriberBuffer;
        Thread.ofVirtual().name("events-" + runId).start(this::writeLoop);
    }

    public String runId() {
        return runId;
    }

    @Override
    public void emit(RunEvent event) {
        String data = Json.write(event);
        synchronized (this) {
            if (ended) return;
            var stored = new StoredEvent(runId, ++lastSeq, event.name(), data);
            toWrite.add(stored);
            for (Subscription s : subscribers) s.offer(stored);
            if (RunEvent.isTerminal(event)) ended = true;
        }
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /** Opens a subscription that first gets every event after {@code afterSeq}, then the live ones. */
    public Subscription subscribe(long afterSeq) {
        synchronized (this) {
            var s = new Subscription(runId, store, this, afterSeq, subscriberBuffer, afterSeq < lastSeq);
            subscribers.add(s);
            return s;
        }
    }

    /** Live subscribers now; a client that went away is dropped once a write to it fails. */
    public int subscriberCount() {
        return subscribers.size();
    }

    void unsubscribe(Subscription s) {
        subscribers.remove(s);
    }

    /**
     * Called by a subscriber that has caught up to {@code seq} from the store: if nothing newer was
     * emitted meanwhile it goes back to live delivery (under the same lock as {@link #emit}, so no
     * event falls between the two).
     */
    synchronized boolean resumeLive(Subscription s, long seq) {
        if (seq != lastSeq) return false;
        s.goLive();
        return true;
    }

    /** Waits until the store holds every event up to {@code seq}. */
    void awaitPersisted(long seq) throws InterruptedException {
        synchronized (persistedLock) {
            while (persistedSeq < seq) persistedLock.wait(1000);
        }
    }

    /** Waits until every event emitted so far is in the store; after the terminal event the writer then stops. */
    public void flush() throws InterruptedException {
        awaitPersisted(lastSeq());
    }

    private void writeLoop() {
        var batch = new ArrayList<StoredEvent>();
        try {
            while (true) {
                batch.add(toWrite.take());
                toWrite.drainTo(batch, MAX_BATCH - 1);
                writeWithRetry(batch);
                long last = batch.getLast().seq();
                boolean terminal = batch.getLast().isTerminal();
                batch.clear();
                synchronized (persistedLock) {
                    persistedSeq = last;
                    persistedLock.notifyAll();
                }
                if (terminal) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // The database may hiccup (a busy SQLite file, a PostgreSQL restart); events are worth a few tries.
    private void writeWithRetry(List<StoredEvent> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                store.append(batch);
                return;
            } catch (RuntimeException e) {
                if (attempt >= 20) {
                    LOG.log(Level.SEVERE, "run " + runId + ": giving up on storing " + batch.size() + " events: " + e.getMessage());
                    return;
                }
                LOG.log(Level.WARNING, "run " + runId + ": storing events failed, retrying: " + e.getMessage());
                Thread.sleep(Math.min(2000, 50L * attempt));
            }
        }
    }
}
