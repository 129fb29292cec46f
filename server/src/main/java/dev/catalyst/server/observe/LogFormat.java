package dev.catalyst.server.observe;

import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code CATALYST_LOG_FORMAT}: {@code json} gives the handlers of a logger one JSON object per line;
 * unset or {@code text}, they keep the JDK's plain lines, with a run's and node's ids after the message
 * ({@link TextLogFormatter}).
 */
public final class LogFormat {
    public static final String VARIABLE = "CATALYST_LOG_FORMAT";

    private LogFormat() {}

    /**
     * Applies the format named in {@code env} to {@code logger}'s handlers (the server passes the
     * root logger, whose console handler writes to stderr).
     *
     * @return true when JSON was switched on
     * @throws IllegalArgumentException for a format it does not know
     */
    public static boolean apply(Map<String, String> env, Logger logger) {
        String format = env.getOrDefault(VARIABLE, "");
        switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "", "text" -> {
                // the JDK's plain lines, tagged with the run; a formatter of the user's own is left alone
                var text = new TextLogFormatter();
                for (Handler h : logger.getHandlers()) if (h.getFormatter() != null && h.getFormatter().getClass() == SimpleFormatter.class) h.setFormatter(text);
                return false;
            }
            case "json" -> {
                var json = new JsonLogFormatter();
                for (Handler h : logger.getHandlers()) h.setFormatter(json);
                return true;
            }
            default -> throw new IllegalArgumentException(VARIABLE + " is json or text, not '" + format + "'");
        }
    }
}
