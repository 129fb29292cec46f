package dev.catalyst.server.http;

import dev.catalyst.core.exec.CpuPool;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.SecretStore;
import dev.catalyst.core.validation.ValidationReport;
import dev.catalyst.core.validation.WorkflowValidator;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.server.store.StoredWorkflow;
import dev.catalyst.server.store.WorkflowStore;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validation and stored workflows. A workflow is stored even when it does not validate yet (the
 * canvas saves drafts); the response carries its validation report and the version the save made.
 * Only JSON that is not a workflow at all, or has no usable id, is refused. Every save keeps a
 * version (list, view, restore); a rename never replaces another workflow.
 */
final class WorkflowRoutes implements Router.Routes {
    private final WorkflowStore store;
    private final WorkflowValidator validator;
    private final CpuPool cpu; // validation is CPU-bound: off the request's virtual thread (ADR 8)
    private final SecretStore secrets;
    private final EdgeChecks checks;

    WorkflowRoutes(WorkflowStore store, WorkflowValidator validator, SecretStore secrets, EdgeChecks checks, CpuPool cpu) {
        this.cpu = cpu;
        this.store = store;
        this.validator = validator;
        this.secrets = secrets;
        this.checks = checks;
    }

    @Override
    public void routing(Router.Rules rules) {
        rules.post("/validate", this::validate);
        rules.get("/", ex -> Http.json(ex, 200, store.list().stream().map(WorkflowRoutes::summary).toList()));
        rules.post("/", this::create);
        rules.get("/{id}", ex -> Http.json(ex, 200, Json.parse(find(id(ex)).definition())));
        rules.put("/{id}", this::put);
        rules.get("/{id}/versions", ex -> {
            String id = id(ex);
            find(id);
            var body = Json.object();
            body.set("versions", Json.valueToTree(store.versions(id)));
            Http.json(ex, 200, body);
        });
        rules.get("/{id}/versions/{version}", this::version);
        rules.post("/{id}/versions/{version}/restore", this::restore);
        rules.post("/{id}/rename", this::rename);
        rules.delete("/{id}", ex -> {
            String id = id(ex);
            if (!store.delete(id)) throw ApiException.notFound("no workflow with id '" + id + "'");
            ex.empty(204);
        });
    }

    private void validate(Exchange ex) {
        JsonNode body = Http.jsonBody(ex);
        checks.size(body);
        Http.json(ex, 200, cpu.call(() -> validator.validate(WorkflowCodec.decode(body), secrets::has)));
    }

    private void create(Exchange ex) {
        var decoded = decode(Http.jsonBody(ex));
        String id = decoded.workflow().id();
        EdgeChecks.workflowId(id);
        EdgeChecks.text("name", decoded.workflow().name(), EdgeChecks.MAX_NAME);
        var saved = store.create(id, decoded.workflow().name(), WorkflowCodec.write(decoded.workflow()))
                .orElseThrow(() -> new ApiException(409, "conflict",
                        "a workflow with id '" + id + "' exists; PUT /api/workflows/" + id + " replaces it"));
        Http.json(ex, 201, saved(id, decoded, saved.version()));
    }

    private void put(Exchange ex) {
        String id = id(ex);
        JsonNode body = Http.jsonBody(ex);
        if (body.isObject() && !body.has("id")) ((ObjectNode) body).put("id", id);
        var decoded = decode(body);
        if (!id.equals(decoded.workflow().id())) {
            throw ApiException.badRequest("the body's id '" + decoded.workflow().id() + "' differs from the path's '" + id + "'");
        }
        EdgeChecks.text("name", decoded.workflow().name(), EdgeChecks.MAX_NAME);
        var saved = store.put(id, decoded.workflow().name(), WorkflowCodec.write(decoded.workflow()));
        Http.json(ex, saved.existed() ? 200 : 201, saved(id, decoded, saved.version()));
    }

    private void version(Exchange ex) {
        String id = id(ex);
        long number = versionNumber(ex);
        var v = store.version(id, number).orElseThrow(() -> ApiException.notFound("workflow '" + id + "' has no version " + number));
        var body = Json.object();
        body.put("version", v.version());
        body.put("name", v.name());
        body.put("savedAt", v.savedAt());
        body.set("workflow", Json.parse(v.definition()));
        Http.json(ex, 200, body);
    }

    private void restore(Exchange ex) {
        String id = id(ex);
        long number = versionNumber(ex);
        var saved = store.restore(id, number, definition -> withId(definition, id))
                .orElseThrow(() -> ApiException.notFound("workflow '" + id + "' has no version " + number));
        var decoded = WorkflowCodec.decode(Json.parse(find(id).definition()));
        Http.json(ex, 200, saved(id, decoded, saved.version()));
    }

    private void rename(Exchange ex) {
        String from = id(ex);
        JsonNode body = Http.jsonBody(ex);
        if (!body.isObject() || !body.path("id").isString() || body.size() != 1) {
            throw ApiException.badRequest("a rename body is {\"id\": \"<new id>\"}");
        }
        String to = body.get("id").stringValue();
        EdgeChecks.workflowId(to);
        if (to.equals(from)) throw ApiException.badRequest("the new id is the workflow's id already");
        switch (store.rename(from, to, definition -> withId(definition, to))) {
            case RENAMED -> {
                var out = Json.object();
                out.put("id", to);
                out.put("previousId", from);
                Http.json(ex, 200, out);
            }
            case NOT_FOUND -> throw ApiException.notFound("no workflow with id '" + from + "'");
            case TAKEN -> throw new ApiException(409, "conflict", "a workflow with id '" + to + "' exists; pick another id");
        }
    }

    private WorkflowCodec.Decoded decode(JsonNode body) {
        if (!body.isObject()) throw ApiException.badRequest("a workflow is a JSON object, not " + WorkflowCodec.kind(body));
        checks.size(body);
        CredentialScan.refuseKeys(body);
        return WorkflowCodec.decode(body);
    }

    private ObjectNode saved(String id, WorkflowCodec.Decoded decoded, long version) {
        ValidationReport report = cpu.call(() -> validator.validate(decoded, secrets::has));
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("version", version);
        out.put("valid", report.valid());
        out.set("errors", Json.valueToTree(report.errors()));
        return out;
    }

    private StoredWorkflow find(String id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("no workflow with id '" + id + "'"));
    }

    // every route with an {id} checks it first, so no database sees an id it cannot hold
    private static String id(Exchange ex) {
        String id = ex.param("id");
        EdgeChecks.workflowId(id);
        return id;
    }

    // a stored definition under another id (a rename, or a version kept before one), written as a
    // save writes it, so the canvas's next save of the same graph adds no version
    private static String withId(String definition, String id) {
        JsonNode tree = Json.parse(definition);
        if (!tree.isObject()) return definition;
        ((ObjectNode) tree).put("id", id);
        return WorkflowCodec.write(WorkflowCodec.decode(tree).workflow());
    }

    private static long versionNumber(Exchange ex) {
        String raw = ex.param("version");
        try {
            long n = Long.parseLong(raw);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // answered below, as any other bad number
        }
        throw ApiException.badRequest("a version is a whole number from 1, not '" + raw + "'");
    }

    private static Map<String, Object> summary(StoredWorkflow w) {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("id", w.id());
        m.put("name", w.name());
        m.put("createdAt", w.createdAt());
        m.put("updatedAt", w.updatedAt());
        return m;
    }

}
