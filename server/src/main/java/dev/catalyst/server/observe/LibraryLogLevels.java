package dev.catalyst.server.observe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The levels a command gives the libraries' loggers, held for as long as the command runs:
 * java.util.logging keeps loggers only weakly, and a collected logger loses the level set on it.
 *
 * <p>Whatever else is chosen, Jetty's client and HTTP codec never log below INFO: at debug level
 * they print each request's headers, and a provider request's headers carry its API key. Set after
 * the logging configuration is read, this holds against a configuration that lowers the root or
 * {@code org.eclipse.jetty}.
 */
public final class LibraryLogLevels implements AutoCloseable {
    /** Loggers whose debug lines include request headers (HttpSender, HttpGenerator and their kin). */
    static final List<String> HEADER_PRINTERS = List.of("org.eclipse.jetty.client", "org.eclipse.jetty.http");

    private final Map<Logger, Optional<Level>> previous = new LinkedHashMap<>();

    private LibraryLogLevels(Map<String, Level> levels) {
        levels.forEach(this::setLevel);
        for (String name : HEADER_PRINTERS) {
            Level asked = askedFor(name, levels);
            setLevel(name, asked != null && asked.intValue() > Level.INFO.intValue() ? asked : Level.INFO);
        }
    }

    private void setLevel(String name, Level level) {
        Logger l = Logger.getLogger(name);
        previous.putIfAbsent(l, Optional.ofNullable(l.getLevel()));
        l.setLevel(level);
    }

    /**
     * Sets {@code levels} (logger name to level) and keeps the header printers at INFO or above;
     * the returned value holds the loggers.
     */
    public static LibraryLogLevels set(Map<String, Level> levels) {
        return new LibraryLogLevels(levels);
    }

    /** The level {@code levels} gives {@code name} itself or its nearest ancestor in it, or null. */
    private static Level askedFor(String name, Map<String, Level> levels) {
        for (String n = name; ; n = n.substring(0, n.lastIndexOf('.'))) {
            Level l = levels.get(n);
            if (l != null) return l;
            if (n.indexOf('.') < 0) return null;
        }
    }

    /** Gives the loggers back the levels they had (a test's JVM goes on; a command's process ends instead). */
    @Override
    public void close() {
        previous.forEach((l, level) -> l.setLevel(level.orElse(null)));
    }
}
