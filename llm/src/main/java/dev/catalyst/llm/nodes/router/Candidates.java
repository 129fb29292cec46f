package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.catalog.ModelLookup;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the router's candidates: model handles on the {@code models} port, then inline {@code candidates}. */
final class Candidates {
    private Candidates() {}

    static List<Candidate> read(JsonNode models, JsonNode inline, ModelCatalog catalog) throws NodeException {
        Map<String, Candidate> out = new LinkedHashMap<>();
        var handles = new ArrayList<JsonNode>();
        if (models != null && models.isArray()) models.forEach(handles::add);
        else if (models != null && models.isObject()) handles.add(models);
        for (int i = 0; i < handles.size(); i++) {
            JsonNode h = handles.get(i);
            Candidate c = candidate("models[" + i + "]", h, h.path("nodeId").asString(null), catalog);
            out.putIfAbsent(c.id(), c);
        }
        if (inline != null && inline.isArray()) {
            for (int i = 0; i < inline.size(); i++) {
                Candidate c = candidate("config.candidates[" + i + "]", inline.get(i), null, catalog);
                out.putIfAbsent(c.id(), c);
            }
        }
        if (out.isEmpty()) {
            throw new NodeException(ErrorCode.NO_CANDIDATE, "no candidates: wire completion nodes into its models input or list config.candidates");
        }
        return List.copyOf(out.values());
    }

    private static Candidate candidate(String where, JsonNode spec, String wiredId, ModelCatalog catalog) throws NodeException {
        String provider = spec.path("provider").asString("");
        String model = spec.path("model").asString("");
        if (!spec.isObject() || provider.isBlank() || model.isBlank()) {
            throw new NodeException(ErrorCode.INVALID_REQUEST, where + " needs a provider and a model");
        }
        String credential = spec.path("credential").asString(provider);
        ObjectNode params = spec.path("params").isObject() ? (ObjectNode) spec.get("params").deepCopy() : Json.object();
        ModelInfo info = catalog.resolve(provider, model).map(ModelLookup::model).orElse(null);
        String id = wiredId != null && !wiredId.isBlank() ? wiredId : provider + "/" + model;
        return new Candidate(id, provider, model, credential, params, info);
    }
}
