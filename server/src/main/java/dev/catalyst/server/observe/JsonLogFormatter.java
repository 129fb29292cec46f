package dev.catalyst.server.observe;

import dev.catalyst.core.exec.LogFields;
import dev.catalyst.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code ts}, {@code level}, {@code logger}, {@code message} (with
 * its parameters filled in), {@code thrown} (the stack trace) when there is one, and
 * {@code run_id}/{@code node_id} when the record carries {@link LogFields}. Jackson writes the
 * strings, so a message with quotes or newlines stays one line.
 */
public final class JsonLogFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
        var o = Json.object();
        o.put("ts", r.getInstant().toString());
        o.put("level", r.getLevel().getName());
        o.put("logger", r.getLoggerName());
        o.put("message", formatMessage(r));
        if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
                if (p instanceof LogFields f) {
                    if (f.runId() != null) o.put("run_id", f.runId());
                    if (f.nodeId() != null) o.put("node_id", f.nodeId());
                }
            }
        }
        if (r.getThrown() != null) {
            var trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            o.put("thrown", trace.toString());
        }
        return Json.write(o) + System.lineSeparator();
    }
}
