package dev.catalyst.core.exec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run's cancellation signal. In-flight I/O registers a callback (abort the HTTP request, close
 * the stream) so that cancelling reaches it at once instead of at the next check.
 */
public final class Cancellation {
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    public boolean isCancelled() {
        return reason.get() != null;
    }

    public String reason() {
        return reason.get();
    }

    /** Cancels once; later calls are ignored. Runs every registered callback. */
    public void cancel(String why) {
        if (reason.compareAndSet(null, why == null ? "cancelled" : why)) {
            for (Runnable r : callbacks) {
                try {
                    r.run();
                } catch (RuntimeException ignored) {
                    // one failing callback must not keep the others from running
                }
            }
        }
    }

    /** Registers a callback; it runs at once if already cancelled. Close the handle when the I/O is done. */
    public AutoCloseable onCancel(Runnable callback) {
        callbacks.add(callback);
        if (isCancelled()) callback.run();
        return () -> callbacks.remove(callback);
    }

    public void throwIfCancelled() throws NodeException {
        if (isCancelled()) throw new NodeException(ErrorCode.CANCELLED, "cancelled: " + reason());
    }
}
