package dev.catalyst.server.runs;

import dev.catalyst.server.store.RunNotices;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoreUnavailableException;
import dev.catalyst.server.store.StoredEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One reader of a run's events, in sequence order, each exactly once. It starts from the events
 * the run's sink still holds in memory (or from the store for older ones), then reads a bounded
 * live buffer fed by the sink; if that buffer overflows it drops it and catches up again, from the
 * sink's memory where it can. A finished run (no sink) is read from the store alone.
 *
 * <p>A reader that fell so far behind that the sink's ring let go of its next event while the run
 * is live is {@linkplain #dropped() dropped}: it would otherwise read the store on the hot path,
 * once per overflow. It may come back with {@code Last-Event-ID}.
 */
public final class Subscription implements AutoCloseable {
    private static final int PAGE = 500;
    // put in the live buffer to wake the reader when the buffer overflowed
    private static final StoredEvent OVERFLOW = new StoredEvent("", -1, "", "");

    private final String runId;
    private final RunStore store;
    private final RunSink sink;
    // linked, not an array: an idle stream does not hold `buffer` empty slots (4 KiB at 1,024)
    private final LinkedBlockingQueue<StoredEvent> live;
    private final ArrayDeque<StoredEvent> backlog = new ArrayDeque<>();
    private volatile boolean catchingUp;
    private long delivered;
    private boolean finished;
    private boolean dropped;
    private long overflows;
    // tailing another instance's run: a permit means "read the store again" (ADR 28)
    private final Semaphore wake = new Semaphore(0);
    private AutoCloseable watch;

    Subscription(String runId, RunStore store, RunSink sink, long afterSeq, int buffer, boolean startFromStore) {
        this.runId = runId;
        this.store = store;
        this.sink = sink;
        this.delivered = afterSeq;
        this.live = new LinkedBlockingQueue<>(Math.max(2, buffer));
        this.catchingUp = startFromStore || sink == null;
    }

    /** Reads a finished run from the store. */
    public static Subscription stored(String runId, RunStore store, long afterSeq) {
        return new Subscription(runId, store, null, afterSeq, 2, true);
    }

    /**
     * Follows a run another instance is running: reads the store after {@code afterSeq}, and again
     * on each notice for the run (or when a wait passes without one: the caller's ping interval is
     * the safety poll), until its terminal event.
     */
    public static Subscription tailing(String runId, RunStore store, long afterSeq, RunNotices notices) {
        var sub = stored(runId, store, afterSeq);
        // watch before the first read: a notice landing between that read and the wait is not lost
        sub.watch = notices.watch(runId, seq -> {
            if (sub.wake.availablePermits() == 0) sub.wake.release();
        });
        return sub;
    }

    /** Called by the sink under its lock; never blocks. */
    void offer(StoredEvent e) {
        if (catchingUp) return;
        if (!live.offer(e)) {
            catchingUp = true;
            overflows++;
            live.clear();
            live.offer(OVERFLOW);
        }
    }

    /** Called by the sink under its lock, before the subscription is live: an event it already had. */
    void replay(StoredEvent e) {
        backlog.add(e);
    }

    void goLive() {
        live.clear();
        catchingUp = false;
    }

    /** How often this reader fell behind and caught up from the store. */
    public long overflows() {
        return overflows;
    }

    /**
     * The next event, or null if none came within {@code wait} (the caller may then send a ping).
     * After the terminal event it returns null at once and {@link #finished()} is true.
     */
    public StoredEvent next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!finished) {
            StoredEvent e = backlog.poll();
            if (e == null && catchingUp) {
                if (watch != null) wake.drainPermits();
                try {
                    catchUp();
                } catch (StoreUnavailableException outage) {
                    // tailing: the stream stays open; the listener wakes this reader when the database is back
                    if (watch == null) throw outage;
                }
                e = backlog.poll();
                if (e == null && catchingUp) {
                    if (sink != null) continue;
                    if (watch == null) return endOfStored();
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !wake.tryAcquire(left, TimeUnit.NANOSECONDS)) return null;
                    continue;
                }
            }
            if (e == null) {
                long left = deadline - System.nanoTime();
                // no time left (or none given: the stream coalescing what is queued): only what is there now
                e = left <= 0 ? live.poll() : live.poll(left, TimeUnit.NANOSECONDS);
                if (e == null) return null;
                if (e == OVERFLOW) continue;
            }
            if (e.seq() <= delivered) continue;
            delivered = e.seq();
            if (e.isTerminal()) finished = true;
            return e;
        }
        return null;
    }

    private void catchUp() throws InterruptedException {
        if (sink == null) {
            backlog.addAll(store.events(runId, delivered, Long.MAX_VALUE, PAGE));
            return;
        }
        long upto = sink.lastSeq();
        if (upto > delivered) {
            if (overflows > 0 && !sink.inRing(delivered + 1)) {
                dropped = true;
                finished = true;
                return;
            }
            // the sink's ring holds the recent events and every unstored one (an outage does not stop a
            // reader catching up); only what the ring let go is read from the store
            List<StoredEvent> recent = sink.recentAfter(delivered);
            long firstRecent = recent.isEmpty() ? Long.MAX_VALUE : recent.getFirst().seq();
            long storedUpto = Math.min(upto, firstRecent - 1);
            if (storedUpto > delivered) {
                var page = store.events(runId, delivered, storedUpto, PAGE);
                backlog.addAll(page);
                if (!page.isEmpty() && page.getLast().seq() < storedUpto) return; // more pages to read first
            }
            for (StoredEvent e : recent) if (e.seq() <= upto) backlog.add(e);
        }
        // everything up to `upto` is in the backlog; go live if nothing newer came meanwhile
        sink.resumeLive(this, upto);
    }

    // A stored run that does not end in a terminal event is one whose server is still writing it elsewhere
    // or that was never recovered; the reader stops at its end rather than wait forever.
    private StoredEvent endOfStored() {
        finished = true;
        return null;
    }

    /** True once there is nothing more to read: the terminal event was delivered, or the reader was dropped. */
    public boolean finished() {
        return finished;
    }

    /** True when the reader fell further behind than the run's ring holds and was let go. */
    public boolean dropped() {
        return dropped;
    }

    public long lastDelivered() {
        return delivered;
    }

    @Override
    public void close() {
        if (sink != null) sink.unsubscribe(this);
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception ignored) {
                // removing a watcher from a map does not fail
            }
        }
    }
}
