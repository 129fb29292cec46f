package dev.catalyst.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log line of the process, at every level, formatted as the console would print it, kept
 * while it is open: the leak tests grep it for a planted key. Closing restores the root logger.
 */
final class LogCapture implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final Level rootLevel = root.getLevel();
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            String line = format.format(r);
            synchronized (lines) {
                lines.add(line);
            }
        }

        @Override public void flush() { }
        @Override public void close() { }
    };

    LogCapture() {
        root.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    /** All lines so far, one after another. */
    String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(rootLevel);
    }
}
