package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import org.eclipse.jetty.util.URIUtil;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}} in OpenAI's list and model shapes. */
final class ModelsRoutes implements Router.Routes {
    private final GatewayModels models;

    ModelsRoutes(GatewayModels models) {
        this.models = models;
    }

    @Override
    public void routing(Router.Rules rules) {
        rules.get("/models", ex -> {
            ObjectNode body = Json.object();
            body.put("object", "list");
            var data = body.putArray("data");
            for (var e : models.list()) data.add(model(e));
            Http.json(ex, 200, body);
        });
        // ids hold slashes (openai/gpt-…, groq/openai/gpt-oss-…): the rest of the path is the id
        for (String template : new String[] {"/models/{a}", "/models/{a}/{b}", "/models/{a}/{b}/{c}"}) rules.get(template, this::one);
    }

    private void one(Exchange ex) {
        String path = ex.path();
        // Jetty keeps an encoded slash encoded in the path (openai%2Fgpt-… from models.retrieve()): the id holds it decoded
        String id = URIUtil.decodePath(path.substring("/v1/models/".length()));
        if (id.endsWith("/")) id = id.substring(0, id.length() - 1);
        String wanted = id;
        var found = models.find(wanted).orElseThrow(() -> OpenAiErrors.modelNotFound(wanted, "GET /v1/models lists the models served"));
        Http.json(ex, 200, model(found));
    }

    private static ObjectNode model(GatewayModels.Entry e) {
        ObjectNode m = Json.object();
        m.put("id", e.id());
        m.put("object", "model");
        m.put("created", e.created());
        m.put("owned_by", e.ownedBy());
        return m;
    }
}
