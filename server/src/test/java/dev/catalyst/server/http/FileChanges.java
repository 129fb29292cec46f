package dev.catalyst.server.http;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition on files written by another process, checking it each time the folder
 * changes (inotify on Linux) instead of on a timer.
 */
final class FileChanges implements AutoCloseable {
    private final WatchService watcher;

    private FileChanges(WatchService watcher) {
        this.watcher = watcher;
    }

    static FileChanges watch(Path dir) throws IOException {
        WatchService w = FileSystems.getDefault().newWatchService();
        dir.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        return new FileChanges(w);
    }

    /** Returns once {@code done} holds; fails if no change made it hold within {@code limit}. */
    void awaitUntil(BooleanSupplier done, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            var key = left > 0 ? watcher.poll(left, TimeUnit.NANOSECONDS) : null;
            if (key == null) throw new AssertionError("the condition did not hold within " + limit);
            key.pollEvents();
            key.reset();
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
