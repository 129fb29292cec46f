package dev.catalyst.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Deadlines the test fires by hand; time stands still at {@code now} until then. */
final class ManualDeadlineTimer implements DeadlineTimer {
    /** One scheduled deadline, in the order the nodes asked for them. */
    record Pending(Duration delay, Runnable action, AtomicBoolean cancelled) {
        void fire() {
            if (!cancelled.get()) action.run();
        }
    }

    private final Instant now;
    private final BlockingQueue<Pending> scheduled = new LinkedBlockingQueue<>();

    ManualDeadlineTimer(Instant now) {
        this.now = now;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
        var pending = new Pending(delay, action, new AtomicBoolean());
        scheduled.add(pending);
        return () -> pending.cancelled().set(true);
    }

    /** The next deadline a node scheduled, waiting for one to come. */
    Pending next() throws InterruptedException {
        Pending p = scheduled.poll(30, TimeUnit.SECONDS);
        if (p == null) throw new AssertionError("no node scheduled a deadline within 30 s");
        return p;
    }

    @Override
    public void close() {
        // nothing runs by itself here
    }
}
