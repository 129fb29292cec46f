package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import dev.catalyst.engine.RunResult;
import dev.catalyst.server.runs.RunRequest;
import dev.catalyst.server.runs.RunService;
import dev.catalyst.server.runs.Subscription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/workflows/{id}/invoke}: a stored workflow run in one call. The answer is the
 * finished run as JSON ({@code runId, status, outputs, usage, costUsd}, and {@code error} when it
 * failed), or with {@code Accept: text/event-stream} its events on the same response. Either way it
 * is an ordinary run, in the history like any other.
 */
final class InvokeRoutes implements Router.Routes {
    private final RunService runs;
    private final RunRoutes events; // writes the SSE answer exactly as GET /api/runs/{id}/events does

    InvokeRoutes(RunService runs, RunRoutes events) {
        this.runs = runs;
        this.events = events;
    }

    @Override
    public void routing(Router.Rules rules) {
        rules.post("/{id}/invoke", this::invoke);
    }

    private void invoke(Exchange ex) throws Exception {
        String workflowId = ex.param("id");
        EdgeChecks.workflowId(workflowId);
        boolean stream = RunRoutes.wantsStream(ex);
        var request = RunRequest.stored(workflowId, new RunRequest.Inputs.Values(inputs(Http.jsonBody(ex))));
        var launched = runs.launch(runs.prepare(request), event -> { });
        ex.header(CatalystHeaders.RUN_ID, launched.id());
        if (stream) {
            Subscription sub = runs.subscribe(launched.id(), 0)
                    .orElseThrow(() -> new IllegalStateException("run " + launched.id() + " vanished after it started"));
            events.stream(ex, 200, launched.id(), sub);
            return;
        }
        RunResult result = launched.handle().await();
        runs.whenStored(launched.id()).join(); // the history shows the finished run once the caller has the answer
        Http.json(ex, 200, body(result));
    }

    /** {@code {"inputs": {...}}}; an empty object or no inputs runs on the workflow's defaults. */
    private static JsonNode inputs(JsonNode body) {
        if (!body.isObject()) throw ApiException.badRequest("the body must be a JSON object: {\"inputs\": {...}}");
        for (String field : body.propertyNames()) {
            if (!field.equals("inputs")) throw ApiException.badRequest("unknown field '" + field + "'; an invoke request has only inputs");
        }
        return body.get("inputs");
    }

    static ObjectNode body(RunResult result) {
        ObjectNode out = Json.object();
        out.put("runId", result.runId());
        out.put("status", result.status().wireName());
        out.set("outputs", result.outputs());
        if (result.error() != null) out.set("error", Json.valueToTree(result.error()));
        out.set("usage", Json.valueToTree(result.totalUsage()));
        out.set("costUsd", Json.valueToTree(result.totalCostUsd()));
        return out;
    }
}
