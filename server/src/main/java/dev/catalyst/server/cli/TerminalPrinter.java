package dev.catalyst.server.cli;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.engine.Plan;
import dev.catalyst.engine.RunEventSink;
import dev.catalyst.engine.RunResult;
import java.io.PrintWriter;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code catalyst run} shows: the answer stream's tokens on stdout as they arrive (or every
 * event as a JSON line with --json), node status on stderr, and a summary at the end. Vectors are
 * summarized (count × dimensions, first values); --json carries them whole.
 */
final class TerminalPrinter implements RunEventSink {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Plan plan;
    private final boolean json;
    private final AtomicLong seq = new AtomicLong();
    private boolean answered;
    /** The answer's line is still open on stdout (ended when the answer node ends, so status lines start clean). */
    private boolean lineOpen;

    TerminalPrinter(PrintWriter out, PrintWriter err, Plan plan, boolean json) {
        this.out = out;
        this.err = err;
        this.plan = plan;
        this.json = json;
    }

    @Override
    public synchronized void emit(RunEvent event) {
        if (json) {
            var line = Json.object();
            line.put("id", seq.incrementAndGet());
            line.put("event", event.name());
            line.set("data", Json.valueToTree(event));
            out.println(Json.write(line));
            out.flush();
            return;
        }
        switch (event) {
            case RunEvent.Token t -> {
                if (t.nodeId().equals(plan.answerNodeId())) {
                    out.print(t.text());
                    out.flush();
                    answered = true;
                    lineOpen = true;
                }
            }
            case RunEvent.NodeStarted s -> err.println("▶ " + s.nodeId() + " (" + s.type() + ")");
            case RunEvent.NodeCompleted c -> {
                endAnswerLine(c.nodeId());
                err.println("✓ " + c.nodeId() + "  " + c.latencyMs() + " ms"
                    + (c.ttftMs() == null ? "" : ", first token " + c.ttftMs() + " ms")
                    + (c.usage() == null ? "" : ", " + tokens(c.usage()))
                    + (c.costUsd() == null ? "" : ", " + dollars(c.costUsd()))
                    + vectors(c.output()));
            }
            case RunEvent.NodeFailed f -> {
                endAnswerLine(f.nodeId());
                err.println("✗ " + f.nodeId() + "  " + f.error().code().wireName() + ": " + f.error().message());
            }
            case RunEvent.RouterDecision d -> {
                if (plan.includeDecisions()) {
                    out.println("[" + d.nodeId() + " → " + d.chosen() + ": " + d.reason() + "]");
                    out.flush();
                }
                err.println("↪ " + d.nodeId() + " chose " + d.chosen() + " (attempt " + d.attempt() + "): " + d.reason());
            }
            case RunEvent.RunStarted s -> { }
            case RunEvent.RunCompleted c -> {
                if (lineOpen) out.println();
                if (!answered && c.outputs() != null && !c.outputs().isEmpty()) out.println(Json.pretty(VectorSummary.summarize(c.outputs())));
                out.flush();
            }
            case RunEvent.RunFailed f -> {
                if (lineOpen) out.println();
                out.flush();
                err.println("run failed: " + f.error().code().wireName() + ": " + f.error().message());
            }
            case RunEvent.RunCancelled c -> {
                if (lineOpen) out.println();
                out.flush();
                err.println("run cancelled: " + c.reason());
            }
        }
        err.flush();
    }

    private void endAnswerLine(String nodeId) {
        if (lineOpen && nodeId.equals(plan.answerNodeId())) {
            out.println();
            out.flush();
            lineOpen = false;
        }
    }

    synchronized void summary(RunResult result) {
        err.println("── " + result.status().wireName() + " · " + tokens(result.totalUsage()) + " · " + dollars(result.totalCostUsd()));
        err.flush();
    }

    /** " · 2 × 384 vectors [...] (model)" for a node that made embeddings, else nothing. */
    private static String vectors(JsonNode output) {
        JsonNode v = output == null ? null : output.get("embeddings");
        if (!VectorSummary.isVectors(v)) return "";
        JsonNode model = output.get("model");
        return " · " + VectorSummary.line(v) + (model != null && model.isString() ? " (" + model.asString() + ")" : "")
                + (output.hasNonNull("warning") ? "\n  ⚠ " + output.get("warning").asString() : "");
    }

    private static String tokens(Usage u) {
        return u.inputTokens() + " in / " + u.outputTokens() + " out tokens";
    }

    private static String dollars(BigDecimal d) {
        return "$" + d.stripTrailingZeros().toPlainString();
    }
}
