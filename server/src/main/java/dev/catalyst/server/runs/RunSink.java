package dev.catalyst.server.runs;

import dev.catalyst.core.exec.LogFields;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.json.Json;
import dev.catalyst.engine.RunEventSink;
import dev.catalyst.server.store.NewRun;
import dev.catalyst.server.store.OutagePolicy;
import dev.catalyst.server.store.RunFinal;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoreException;
import dev.catalyst.server.store.StoreTime;
import dev.catalyst.server.store.StoreUnavailableException;
import dev.catalyst.server.store.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one sink of a live run. It numbers events, hands them to the server's {@link EventWriter}
 * (which stores the events of all runs in grouped transactions), and offers each to every live
 * subscriber. Offering never blocks: a
 * subscriber whose bounded buffer is full is switched to catching up, so one slow reader slows
 * neither the engine nor the other readers.
 *
 * <p>The sink keeps the run's recent events in memory (a ring of {@code ringCapacity} events, plus
 * every event not stored yet): a subscriber that arrives late or falls behind reads them from here,
 * and goes to the store only for older events the ring has let go.
 *
 * <p>While the database is unreachable the events wait here, in memory, and the writer retries
 * with a doubling pause ({@link OutagePolicy}); the terminal event is stored together with the
 * run's final row. If the outage outlasts the policy, the run is cancelled and, once the
 * database answers, marked failed with an explicit error: events are never counted as stored
 * when they are not.
 */
public final class RunSink implements RunEventSink, EventWriter.Owner {
    private static final Logger LOG = Logger.getLogger(RunSink.class.getName());
    /** Events kept in memory per run once stored: a late reader (a GET right after the POST) needs the first few; ~100 KiB for a long run. */
    public static final int DEFAULT_RING = 1024;

    /** How the run's storing ended. */
    public sealed interface Outcome {
        /** Every event and the final row are stored. */
        record Stored() implements Outcome {}

        /** Events could not be stored; the run is marked failed with this reason (when the database allowed). */
        record Lost(String reason) implements Outcome {}
    }

    private final String runId;
    private final EventWriter writer;
    private final RunStore store;
    private final int subscriberBuffer;
    private final OutagePolicy policy;
    private final StoreTime time;
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    // the ring: the last ringCapacity events and every event not stored yet, in order
    private final ArrayDeque<StoredEvent> recent = new ArrayDeque<>();
    private final int ringCapacity;
    private final Object persistedLock = new Object();
    private final CompletableFuture<RunFinal> finalRow = new CompletableFuture<>();
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private long lastSeq;
    private StoredEvent terminal; // held back until the final row comes: the two are stored together
    private volatile long persistedSeq;
    private volatile boolean lost;
    private volatile boolean dropped;
    private Thread giveUp; // marks the run failed once its events were given up on
    private volatile boolean ended;
    private volatile Runnable onLost = () -> {};
    private volatile NewRun unstoredRow; // the run's row until it is stored; stored with the failure if it never was

    public RunSink(String runId, EventWriter writer, int subscriberBuffer) {
        this(runId, writer, subscriberBuffer, DEFAULT_RING);
    }

    public RunSink(String runId, EventWriter writer, int subscriberBuffer, int ringCapacity) {
        if (ringCapacity < 1) throw new IllegalArgumentException("the event ring holds at least one event, not " + ringCapacity);
        this.ringCapacity = ringCapacity;
        this.runId = runId;
        this.writer = writer;
        this.store = writer.store();
        this.subscriberBuffer = subscriberBuffer;
        this.policy = writer.policy();
        this.time = writer.time();
    }

    @Override
    public String runId() {
        return runId;
    }

    /**
     * Queues the run's row ahead of its events and returns at once (no commit is waited for).
     *
     * @throws StoreUnavailableException at once while the database is known to be unreachable
     */
    public void open(NewRun row) {
        unstoredRow = row;
        writer.create(row, this);
    }

    /** True while the run's row is on its way to the store (queued, not committed yet). */
    public boolean rowPending() {
        return unstoredRow != null;
    }

    @Override
    public void rowStored() {
        unstoredRow = null;
    }

    /** What to do when the run's events cannot be stored (the service cancels the run). */
    public void onLost(Runnable action) {
        this.onLost = action;
    }

    @Override
    public void emit(RunEvent event) {
        String data = EventJson.write(event);
        synchronized (this) {
            if (ended) return;
            var stored = new StoredEvent(runId, ++lastSeq, event.name(), data);
            if (stored.isTerminal()) terminal = stored;
            else if (!dropped) writer.event(this, stored);
            recent.add(stored);
            trim();
            for (Subscription s : subscribers) s.offer(stored);
            if (RunEvent.isTerminal(event)) ended = true;
        }
    }

    /** True once the run's terminal event went out (under the lock, so a reader that saw that event sees true). */
    synchronized boolean ended() {
        return ended;
    }

    /** The run's final row, stored with its terminal event in one transaction. */
    public void finish(RunFinal row) {
        StoredEvent last;
        synchronized (this) {
            last = terminal;
        }
        if (!dropped) writer.finish(this, last, row);
        finalRow.complete(row);
    }

    /** Completes once the run's events and row are stored, or the run was marked failed for lack of them. */
    public CompletableFuture<Outcome> done() {
        return done;
    }

    /** Stops writing (a stop that cannot wait for the database); the run stays unfinished in the store. */
    public void abandon() {
        Thread marking;
        synchronized (this) {
            marking = giveUp;
        }
        if (marking != null) marking.interrupt(); // it may wait for a database that is gone
        dropped = true;
        persistedOrLost(0, true);
        done.complete(new Outcome.Lost("the server stopped before the run's events were stored"));
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /**
     * Opens a subscription that first gets every event after {@code afterSeq}, then the live ones.
     * When the ring still holds every event it needs, it starts from there, with no store read.
     */
    public Subscription subscribe(long afterSeq) {
        synchronized (this) {
            boolean inRing = afterSeq >= lastSeq || (!recent.isEmpty() && recent.peekFirst().seq() <= afterSeq + 1);
            var s = new Subscription(runId, store, this, afterSeq, subscriberBuffer, !inRing);
            if (inRing) for (StoredEvent e : recent) if (e.seq() > afterSeq) s.replay(e);
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

    /**
     * The ring's events after {@code afterSeq}, in order. Every event before the first of them is
     * in the store (the ring lets an event go only once it is stored).
     */
    synchronized List<StoredEvent> recentAfter(long afterSeq) {
        var out = new ArrayList<StoredEvent>();
        for (StoredEvent e : recent) if (e.seq() > afterSeq) out.add(e);
        return out;
    }

    /** True when the ring still holds event {@code seq} (or it is yet to come). */
    synchronized boolean inRing(long seq) {
        return seq > lastSeq || (!recent.isEmpty() && recent.peekFirst().seq() <= seq);
    }

    // keeps the last ringCapacity events, and every event not stored yet whatever their number
    private void trim() {
        long storedUpto = persistedSeq;
        while (recent.size() > ringCapacity && recent.peekFirst().seq() <= storedUpto) recent.pollFirst();
    }

    /** Waits until the store holds every event up to {@code seq}, or the run's events were given up on. */
    void awaitPersisted(long seq) throws InterruptedException {
        synchronized (persistedLock) {
            while (persistedSeq < seq && !lost) persistedLock.wait(1000);
        }
    }

    /** Waits until every event emitted so far is in the store (or given up on). */
    public void flush() throws InterruptedException {
        awaitPersisted(lastSeq());
    }

    @Override
    public void persisted(long seq) {
        persistedOrLost(seq, false);
    }

    @Override
    public void finished() {
        done.complete(new Outcome.Stored());
    }

    @Override
    public synchronized void lost(String reason) {
        if (giveUp != null) return;
        dropped = true;
        giveUp = Thread.ofVirtual().name("events-lost-" + runId).start(() -> giveUpQuietly(reason));
    }

    @Override
    public boolean dropped() {
        return dropped;
    }

    private void persistedOrLost(long seq, boolean gaveUp) {
        synchronized (persistedLock) {
            if (gaveUp) lost = true;
            else persistedSeq = Math.max(persistedSeq, seq);
        }
        // the ring lets stored events go before anyone waiting for them is woken, so a waiter that
        // looks at the ring next sees it as the store left it
        synchronized (this) {
            trim();
        }
        synchronized (persistedLock) {
            persistedLock.notifyAll();
        }
    }

    // The events are gone from this server's hands: stop the run, then record in the store why it failed.
    private void giveUp(String reason) throws InterruptedException {
        persistedOrLost(0, true);
        LOG.log(Level.SEVERE, "run " + runId + ": its events cannot be stored: " + reason + "; the run is stopped and marked failed",
                LogFields.run(runId));
        onLost.run();
        try {
            finalRow.get(); // the engine has stopped: nothing more is numbered
        } catch (ExecutionException e) {
            // no result; mark it failed all the same
        }
        var error = new RunEvent.ErrorInfo(ErrorCode.SERVER_ERROR, "the run's events could not be stored: " + reason,
                true, null, null);
        String data = Json.write(new RunEvent.RunFailed(runId, error));
        long after = lastSeq() + 1;
        Duration pause = policy.firstRetry();
        while (true) {
            try {
                store.markFailed(runId, unstoredRow, after, "run.failed", data, Json.write(error));
                break;
            } catch (StoreUnavailableException e) {
                time.pause().pause(pause); // until the database returns, or the server stops
                pause = policy.next(pause);
            } catch (StoreException e) {
                if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                    throw new InterruptedException("stopped while storing");
                }
                LOG.log(Level.SEVERE, "run " + runId + ": could not be marked failed either: " + e.getMessage(), LogFields.run(runId));
                break;
            }
        }
        done.complete(new Outcome.Lost(reason));
    }

    private void giveUpQuietly(String reason) {
        try {
            giveUp(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.complete(new Outcome.Lost(reason));
        }
    }
}
