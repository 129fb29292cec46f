package dev.catalyst.server.observe;

import dev.catalyst.core.exec.LogFields;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The console's usual lines (the JDK's {@link SimpleFormatter}, its format property included), with
 * {@code [run_id=… node_id=…]} after the message when the record carries {@link LogFields}, so a
 * run's lines can be found with grep without switching to JSON.
 */
public final class TextLogFormatter extends SimpleFormatter {
    @Override
    public String formatMessage(LogRecord r) {
        String message = super.formatMessage(r);
        if (r.getParameters() == null) return message;
        for (Object p : r.getParameters()) {
            if (p instanceof LogFields f && (f.runId() != null || f.nodeId() != null)) {
                var tagged = new StringBuilder(message).append(" [");
                if (f.runId() != null) tagged.append("run_id=").append(f.runId());
                if (f.nodeId() != null) tagged.append(f.runId() != null ? " " : "").append("node_id=").append(f.nodeId());
                return tagged.append(']').toString();
            }
        }
        return message;
    }
}
