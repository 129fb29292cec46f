package dev.catalyst.server.cli;

import java.io.Writer;
import java.time.Duration;

/** What a command printed, as it prints it; a test can wait for a piece of text to appear. */
final class WatchedText extends Writer {
    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void write(char[] c, int off, int len) {
        text.append(c, off, len);
        notifyAll();
    }

    /** Waits until {@code needle} has been printed; false when {@code wait} passed first. */
    synchronized boolean await(String needle, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (text.indexOf(needle) < 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        return text.toString();
    }

    @Override public void flush() { }
    @Override public void close() { }
}
