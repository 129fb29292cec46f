package dev.catalyst.server.http;

import dev.catalyst.core.exec.LogFields;
import dev.catalyst.core.exec.PathMark;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.server.runs.RunRequest;
import dev.catalyst.server.runs.RunService;
import dev.catalyst.server.runs.Subscription;
import dev.catalyst.server.store.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;

/**
 * Runs: start, read, cancel, the event stream (SSE, resumable with Last-Event-ID), the history (of
 * one workflow with {@code ?workflowId=}) and the exact workflow a run ran.
 */
final class RunRoutes implements Router.Routes {
    private static final Logger LOG = Logger.getLogger(RunRoutes.class.getName());

    private final RunService runs;
    private final Duration pingInterval;
    private final EdgeChecks checks;

    RunRoutes(RunService runs, Duration pingInterval, EdgeChecks checks) {
        this.runs = runs;
        this.pingInterval = pingInterval;
        this.checks = checks;
    }

    @Override
    public void routing(Router.Rules rules) {
        rules.post("/", ex -> {
            PathMark.mark(null, "request.arrived", ex.request.getBeginNanoTime());
            PathMark.mark(null, "handler");
            boolean stream = wantsStream(ex); // a bad flag is refused before anything starts
            JsonNode body = Http.jsonBody(ex);
            PathMark.mark(null, "body.parsed");
            var started = runs.start(request(body));
            ex.header("Location", "/api/runs/" + started.id());
            if (stream) {
                // the run's events on this response: one request instead of POST then GET /events
                Subscription sub = runs.subscribe(started.id(), 0)
                        .orElseThrow(() -> new IllegalStateException("run " + started.id() + " vanished after it started"));
                stream(ex, 201, started.id(), sub);
            } else {
                Http.json(ex, 201, started);
            }
        });
        rules.get("/", ex -> {
            var body = Json.object();
            String workflowId = ex.query("workflowId");
            if (workflowId != null) EdgeChecks.workflowId(workflowId);
            body.set("runs", Json.valueToTree(runs.history(workflowId, limit(ex))));
            Http.json(ex, 200, body);
        });
        rules.get("/{id}", ex -> {
            String id = id(ex);
            Http.json(ex, 200, runs.describe(id).orElseThrow(() -> ApiException.notFound("no run with id '" + id + "'")));
        });
        rules.get("/{id}/workflow", ex -> {
            String id = id(ex);
            var workflow = runs.workflowOf(id).orElseThrow(() -> ApiException.notFound("no run with id '" + id + "'"));
            Http.json(ex, 200, Json.parse(workflow));
        });
        rules.post("/{id}/cancel", ex -> {
            String id = id(ex);
            String status = runs.cancel(id);
            var body = Json.object();
            body.put("id", id);
            body.put("status", status);
            Http.json(ex, 200, body);
        });
        rules.get("/{id}/events", this::events);
    }

    /** {@code {"workflowId" | "workflow", "inputs"}} → a run request; sizes and ids checked before anything is decoded. */
    private RunRequest request(JsonNode body) {
        if (!body.isObject()) throw ApiException.badRequest("the body must be a JSON object with workflowId or workflow, and inputs");
        checkRunRequest(body);
        for (String field : body.propertyNames()) {
            if (!field.equals("workflowId") && !field.equals("workflow") && !field.equals("inputs")) {
                throw ApiException.badRequest("unknown field '" + field + "'; a run request has workflowId or workflow, and inputs");
            }
        }
        JsonNode inline = body.get("workflow");
        JsonNode ref = body.get("workflowId");
        if (inline != null && ref != null) throw ApiException.badRequest("give workflowId or workflow, not both");
        if (inline == null && ref == null) throw ApiException.badRequest("workflowId or workflow is required");
        var inputs = new RunRequest.Inputs.Values(body.get("inputs"));
        if (ref != null) {
            if (!ref.isString()) throw ApiException.badRequest("workflowId must be a string");
            return RunRequest.stored(ref.stringValue(), inputs);
        }
        if (!inline.isObject()) throw ApiException.badRequest("workflow must be a workflow object");
        return RunRequest.given(WorkflowCodec.decode(inline), inputs);
    }

    // sizes and the ids that reach a database column
    private void checkRunRequest(JsonNode body) {
        var ref = body.get("workflowId");
        if (ref != null && ref.isString()) EdgeChecks.workflowId(ref.stringValue());
        var inline = body.get("workflow");
        if (inline != null && inline.isObject()) {
            checks.size(inline);
            CredentialScan.refuseKeys(inline);
            if (inline.path("id").isString()) EdgeChecks.text("workflow.id", inline.get("id").stringValue(), EdgeChecks.MAX_ID);
            if (inline.path("name").isString()) EdgeChecks.text("workflow.name", inline.get("name").stringValue(), EdgeChecks.MAX_NAME);
        }
    }

    // ?stream=true, or an Accept header that names text/event-stream
    static boolean wantsStream(Exchange ex) {
        String flag = ex.query("stream");
        if (flag != null) {
            if (flag.equals("true")) return true;
            if (flag.equals("false")) return false;
            throw ApiException.badRequest("stream must be true or false, not '" + flag + "'");
        }
        String accept = ex.header("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/event-stream");
    }

    private void events(Exchange ex) {
        String id = id(ex);
        long after = lastEventId(ex);
        Subscription sub = runs.subscribe(id, after).orElseThrow(() -> ApiException.notFound("no run with id '" + id + "'"));
        stream(ex, 200, id, sub);
    }

    /** The run's events on this response, until it ends (also the invoke route's streaming answer). */
    void stream(Exchange ex, int status, String id, Subscription sub) {
        ex.response.setStatus(status);
        ex.header("X-Accel-Buffering", "no");
        ex.header("Cache-Control", "no-cache");
        ex.header("Content-Type", "text/event-stream");
        try (sub) {
            if (ex.method().equals("HEAD")) {
                ex.write(true, ""); // the headers say the stream exists; following it is a GET
                return;
            }
            // headers go out now, so a client waiting for the first event knows the stream is open
            ex.write(false, "");
            var out = new StringBuilder(512);
            while (!sub.finished()) {
                StoredEvent e = sub.next(pingInterval);
                if (e != null) {
                    frame(out, e);
                    // events queued behind a slow client go out in one write, not one each
                    StoredEvent more;
                    while (out.length() < COALESCE_CHARS && (more = sub.next(Duration.ZERO)) != null) frame(out, more);
                    ex.write(false, out.toString());
                    out.setLength(0);
                } else if (sub.dropped()) {
                    ex.write(false, droppedFrame(sub.lastDelivered()));
                } else if (!sub.finished()) {
                    // silence: a comment keeps proxies from timing out and shows us a client that left
                    ex.write(false, ": ping\n\n");
                }
            }
            ex.write(true, "");
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.FINE, "event stream of run " + id + ": client went away", LogFields.run(id));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events written in one go at most (a slow client's backlog is sent in pieces of this size). */
    static final int COALESCE_CHARS = 32 * 1024;

    static void frame(StringBuilder b, StoredEvent e) {
        SseFrames.frame(b, e);
    }

    /**
     * Told to a reader that fell further behind than the server keeps in memory: no {@code id:}, so
     * the client's Last-Event-ID stays at the last event it got, and a reconnect resumes from there.
     */
    static String droppedFrame(long lastDelivered) {
        return "event: stream.dropped\ndata: {\"reason\":\"the client fell too far behind the run\",\"lastEventId\":"
                + lastDelivered + "}\n\n";
    }

    private static long lastEventId(Exchange ex) {
        String value = ex.header("Last-Event-ID");
        if (value == null) value = ex.query("lastEventId");
        if (value == null || value.isBlank()) return 0;
        try {
            long seq = Long.parseLong(value.strip());
            if (seq < 0) throw new NumberFormatException();
            return seq;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Last-Event-ID must be an event id (a non-negative integer), not '" + value + "'");
        }
    }

    private static String id(Exchange ex) {
        String id = ex.param("id");
        EdgeChecks.runId(id);
        return id;
    }

    static final int DEFAULT_HISTORY = 50;
    static final int MAX_HISTORY = 500;

    private static int limit(Exchange ex) {
        String raw = ex.query("limit");
        if (raw == null) return DEFAULT_HISTORY;
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1 && n <= MAX_HISTORY) return n;
        } catch (NumberFormatException e) {
            // falls through to the same answer as an out-of-range number
        }
        throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_HISTORY + ", not '" + raw + "'");
    }
}
