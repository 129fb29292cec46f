package dev.catalyst.server.runs;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.LogFields;
import dev.catalyst.engine.RunEventSink;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log lines a run's own events call for: a node that failed and a run that failed, tagged with
 * the run and node ({@link LogFields}). Only the error's code is written, never its message: an
 * upstream message can quote the request (as for spans, ADR 27). Tokens pass with one type check.
 */
final class RunLog implements RunEventSink {
    private static final Logger LOG = Logger.getLogger(RunLog.class.getName());

    private final String runId;

    RunLog(String runId) {
        this.runId = runId;
    }

    @Override
    public void emit(RunEvent event) {
        if (event instanceof RunEvent.Token) return;
        if (event instanceof RunEvent.NodeFailed f) {
            ErrorCode code = codeOf(f.error());
            LOG.log(level(code), "run " + runId + ": node " + f.nodeId() + " failed: " + code.wireName(),
                    new LogFields(runId, f.nodeId()));
        } else if (event instanceof RunEvent.RunFailed f) {
            ErrorCode code = codeOf(f.error());
            String node = f.error() == null ? null : f.error().nodeId();
            LOG.log(level(code), "run " + runId + " failed: " + code.wireName() + (node == null ? "" : " (node " + node + ")"),
                    new LogFields(runId, node));
        }
    }

    private static ErrorCode codeOf(RunEvent.ErrorInfo error) {
        return error == null ? ErrorCode.SERVER_ERROR : error.code();
    }

    // a cancellation was asked for: worth a line, not a warning
    private static Level level(ErrorCode code) {
        return code == ErrorCode.CANCELLED ? Level.INFO : Level.WARNING;
    }
}
