package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.runs.RunService;
import dev.catalyst.server.runs.Subscription;
import dev.catalyst.server.store.StoredEvent;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs: start, read, cancel, and the event stream (SSE, resumable with Last-Event-ID). */
final class RunRoutes implements HttpService {
    private static final Logger LOG = Logger.getLogger(RunRoutes.class.getName());

    private final RunService runs;
    private final Duration pingInterval;
    private final long maxBody;

    RunRoutes(RunService runs, Duration pingInterval, long maxBody) {
        this.runs = runs;
        this.pingInterval = pingInterval;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", (req, res) -> {
            var started = runs.start(Http.jsonBody(req, maxBody));
            res.header("Location", "/api/runs/" + started.id());
            Http.json(res, 201, started);
        });
        rules.get("/", (req, res) -> {
            var body = Json.object();
            body.set("runs", Json.valueToTree(runs.recent(limit(req))));
            Http.json(res, 200, body);
        });
        rules.get("/{id}", (req, res) -> {
            String id = id(req);
            Http.json(res, 200, runs.describe(id).orElseThrow(() -> ApiException.notFound("no run with id '" + id + "'")));
        });
        rules.post("/{id}/cancel", (req, res) -> {
            String id = id(req);
            String status = runs.cancel(id);
            var body = Json.object();
            body.put("id", id);
            body.put("status", status);
            Http.json(res, 200, body);
        });
        rules.get("/{id}/events", this::events);
    }

    private void events(ServerRequest req, ServerResponse res) {
        String id = id(req);
        long after = lastEventId(req);
        Subscription sub = runs.subscribe(id, after).orElseThrow(() -> ApiException.notFound("no run with id '" + id + "'"));
        res.header("X-Accel-Buffering", "no");
        res.header("Cache-Control", "no-cache");
        try (sub; SseSink sink = res.sink(SseSink.TYPE)) {
            while (!sub.finished()) {
                StoredEvent e = sub.next(pingInterval);
                if (e != null) {
                    sink.emit(SseEvent.builder().id(Long.toString(e.seq())).name(e.name()).data(e.data()).build());
                } else if (!sub.finished()) {
                    // silence: a comment keeps proxies from timing out and shows us a client that left
                    sink.emit(SseEvent.builder().comment(" ping").build());
                }
            }
        } catch (UncheckedIOException | io.helidon.webserver.ServerConnectionException e) {
            LOG.log(Level.FINE, "event stream of run " + id + ": client went away");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long lastEventId(ServerRequest req) {
        String value = req.headers().first(io.helidon.http.HeaderNames.create("Last-Event-ID"))
                .or(() -> req.query().first("lastEventId").asOptional()).orElse(null);
        if (value == null || value.isBlank()) return 0;
        try {
            long seq = Long.parseLong(value.strip());
            if (seq < 0) throw new NumberFormatException();
            return seq;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Last-Event-ID must be an event id (a non-negative integer), not '" + value + "'");
        }
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    static final int DEFAULT_HISTORY = 50;
    static final int MAX_HISTORY = 500;

    private static int limit(ServerRequest req) {
        String raw = req.query().first("limit").orElse(null);
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
