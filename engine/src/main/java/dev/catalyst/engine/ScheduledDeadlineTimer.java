package dev.catalyst.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines on a scheduled executor of one daemon thread. Each action only flips a flag and
 * interrupts, so one thread is plenty; cancelled deadlines leave the queue at once, and the
 * thread ends after a while without any, so an idle engine holds no thread.
 */
final class ScheduledDeadlineTimer implements DeadlineTimer {
    private static final long IDLE_SECONDS = 30;

    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;

    ScheduledDeadlineTimer(Clock clock) {
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "catalyst-engine-deadlines");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
        try {
            // convert() saturates where Duration.toNanos() would overflow on a very long timeout
            var future = executor.schedule(action, TimeUnit.NANOSECONDS.convert(delay), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the deadline timer is closed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
