package dev.catalyst.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The records one logger (and its children) publishes while this is open, down to a level the
 * logger is lowered to for the while: the leak tests grep every line for a planted key, and a test
 * can wait for a line the server writes at a known moment instead of polling. Closing restores the
 * logger's level.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final List<LogRecord> records = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lock.lock();
            try {
                records.add(r);
                added.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override public void flush() { }
        @Override public void close() { }
    };

    private LogCapture(String name, Level level) {
        logger = Logger.getLogger(name);
        previous = logger.getLevel();
        logger.setLevel(level);
        handler.setLevel(level);
        logger.addHandler(handler);
    }

    /** Every record of the process, at every level. */
    public static LogCapture everything() {
        return new LogCapture("", Level.ALL);
    }

    /** The records of {@code name} and the loggers under it, from {@code level} up. */
    public static LogCapture of(String name, Level level) {
        return new LogCapture(name, level);
    }

    /** The records so far, in order. */
    public List<LogRecord> records() {
        lock.lock();
        try {
            return List.copyOf(records);
        } finally {
            lock.unlock();
        }
    }

    /** All records so far, each formatted as the console prints it. */
    public String text() {
        var format = new SimpleFormatter();
        return String.join("\n", records().stream().map(format::format).toList());
    }

    /** Waits until a record whose message matches arrives (or has arrived); false when {@code wait} ran out. */
    public boolean await(Predicate<String> message, Duration wait) throws InterruptedException {
        return await(message, 1, wait);
    }

    /** Waits until {@code count} records whose messages match have arrived; false when {@code wait} ran out. */
    public boolean await(Predicate<String> message, int count, Duration wait) throws InterruptedException {
        long left = wait.toNanos();
        lock.lock();
        try {
            while (records.stream().filter(r -> r.getMessage() != null && message.test(r.getMessage())).count() < count) {
                if (left <= 0) return false;
                left = added.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }
}
