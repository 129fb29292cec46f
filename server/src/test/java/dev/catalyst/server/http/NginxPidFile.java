package dev.catalyst.server.http;

import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The moment a test's nginx listens, told by its pid file. */
final class NginxPidFile {
    private NginxPidFile() {}

    /**
     * Waits for nginx's pid file: nginx writes it only after its configuration is loaded and its
     * ports are bound and listening (ngx_init_cycle, then ngx_create_pidfile), so its appearance is
     * the moment to connect. A file-system event, not a poll; nginx exiting first ends the wait.
     */
    static void awaitListening(Path pidFile, Process nginx, Duration wait) throws Exception {
        try (WatchService watch = pidFile.getFileSystem().newWatchService()) {
            pidFile.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            nginx.onExit().thenRun(() -> {
                try {
                    watch.close(); // wakes the wait below
                } catch (java.io.IOException ignored) {
                    // closing a watch service does not fail in a way that matters here
                }
            });
            long deadline = System.nanoTime() + wait.toNanos();
            while (!Files.exists(pidFile)) {
                WatchKey key;
                try {
                    key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (ClosedWatchServiceException exited) {
                    key = null;
                }
                if (!nginx.isAlive()) throw new AssertionError("nginx exited with " + nginx.exitValue());
                if (key == null) {
                    if (Files.exists(pidFile)) return;
                    throw new AssertionError("nginx wrote no pid file in " + wait);
                }
                key.pollEvents();
                key.reset();
            }
        }
    }
}
