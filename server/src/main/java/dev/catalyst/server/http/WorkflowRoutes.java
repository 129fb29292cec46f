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
 * canvas saves drafts); the response carries its validation report. Only JSON that is not a
 * workflow at all, or has no usable id, is refused.
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
        if (!store.create(id, decoded.workflow().name(), WorkflowCodec.write(decoded.workflow()))) {
            throw new ApiException(409, "conflict", "a workflow with id '" + id + "' exists; PUT /api/workflows/" + id + " replaces it");
        }
        Http.json(ex, 201, saved(id, decoded));
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
        boolean existed = store.put(id, decoded.workflow().name(), WorkflowCodec.write(decoded.workflow()));
        Http.json(ex, existed ? 200 : 201, saved(id, decoded));
    }

    private WorkflowCodec.Decoded decode(JsonNode body) {
        if (!body.isObject()) throw ApiException.badRequest("a workflow is a JSON object, not " + WorkflowCodec.kind(body));
        checks.size(body);
        CredentialScan.refuseKeys(body);
        return WorkflowCodec.decode(body);
    }

    private ObjectNode saved(String id, WorkflowCodec.Decoded decoded) {
        ValidationReport report = cpu.call(() -> validator.validate(decoded, secrets::has));
        ObjectNode out = Json.object();
        out.put("id", id);
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

    private static Map<String, Object> summary(StoredWorkflow w) {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("id", w.id());
        m.put("name", w.name());
        m.put("createdAt", w.createdAt());
        m.put("updatedAt", w.updatedAt());
        return m;
    }

}
