package dev.catalyst.core.exec;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of platform threads for CPU-bound work: expression evaluation, template
 * rendering, workflow validation (ADR 8). Requests and nodes run on virtual threads, whose
 * carriers are as many as the cores; CPU-bound work on them pins every carrier and nothing else
 * runs, not even {@code /api/health}. A virtual thread that hands its work here and waits unmounts,
 * and the operating system shares the cores between these threads and the carriers.
 *
 * <p>One instance is created in the wiring and passed in. Work submitted from one of this pool's
 * own threads runs in place, so nested calls (a template rendering its expressions) never wait
 * on the pool they hold. An {@link #inline()} pool runs everything on the caller's thread (the CLI,
 * tests). Idle threads end after a while, so an unclosed pool leaks nothing.
 */
public final class CpuPool implements AutoCloseable {
    /** Work that may throw one checked exception. */
    @FunctionalInterface
    public interface Task<T, E extends Exception> {
        T run() throws E;
    }

    private final ThreadPoolExecutor executor;

    /** A pool of {@code threads} platform threads named {@code name-N}. */
    public CpuPool(int threads, String name) {
        if (threads <= 0) throw new IllegalArgumentException("a CPU pool needs at least one thread");
        var count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> new PoolThread(this, r, name + "-" + count.incrementAndGet()));
        executor.allowCoreThreadTimeOut(true);
    }

    private CpuPool() {
        this.executor = null;
    }

    /** A pool with one thread per core, the bound the carriers of virtual threads have too. */
    public static CpuPool perCore(String name) {
        return new CpuPool(Runtime.getRuntime().availableProcessors(), name);
    }

    /** A pool without threads: work runs on the caller's thread. */
    public static CpuPool inline() {
        return new CpuPool();
    }

    /**
     * Runs {@code task} on the pool and waits for it. The wait is not interruptible: the work is
     * bounded by its own limits (an expression's time limit), and a cancelled caller checks its
     * cancellation after. An interrupt that arrives meanwhile is kept for the caller.
     */
    public <T, E extends Exception> T call(Task<T, E> task) throws E {
        if (executor == null || Thread.currentThread() instanceof PoolThread p && p.pool == this) return task.run();
        Future<T> future = executor.submit(task::run);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    // The task throws only E or unchecked throwables, so the cast is safe.
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Throwable cause) throws E {
        if (cause instanceof RuntimeException r) throw r;
        if (cause instanceof Error err) throw err;
        throw (E) cause;
    }

    @Override
    public void close() {
        if (executor != null) executor.shutdown();
    }

    private static final class PoolThread extends Thread {
        final CpuPool pool;

        PoolThread(CpuPool pool, Runnable r, String name) {
            super(r, name);
            this.pool = pool;
            setDaemon(true);
        }
    }
}
