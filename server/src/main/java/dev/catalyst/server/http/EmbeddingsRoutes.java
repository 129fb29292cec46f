package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.engine.RunResult;
import dev.catalyst.llm.nodes.embedding.EmbeddingKind;
import dev.catalyst.server.runs.RunRequest;
import dev.catalyst.server.runs.RunService;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/embeddings} through the {@code embeddingGenerate} node (batching, rate-limit
 * cooldowns and the local model included), as a recorded run. Vectors go out as floats or, as
 * OpenAI's SDKs ask by default, base64 of little-endian float32s.
 */
final class EmbeddingsRoutes implements Router.Routes {
    private static final String NODE = "embed";

    private final RunService runs;
    private final GatewayModels models;

    EmbeddingsRoutes(RunService runs, GatewayModels models) {
        this.runs = runs;
        this.models = models;
    }

    @Override
    public void routing(Router.Rules rules) {
        rules.post("/embeddings", this::embed);
    }

    private void embed(Exchange ex) throws Exception {
        long arrived = System.nanoTime();
        JsonNode body = Http.jsonBody(ex);
        if (!body.isObject()) throw OpenAiErrors.invalid(null, "the body must be a JSON object");
        JsonNode modelField = body.get("model");
        if (modelField == null || !modelField.isString()) throw OpenAiErrors.invalid("model", "model is required");
        String model = modelField.stringValue();
        ArrayNode texts = texts(body.get("input"));
        String format = body.path("encoding_format").asString("float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw OpenAiErrors.invalid("encoding_format", "encoding_format must be float or base64");
        }
        var target = models.embeddingTarget(model);
        var feed = new AnswerFeed(NODE);
        var launched = runs.launch(runs.prepare(request(target, body.get("dimensions"), texts)), feed);
        ex.header(CatalystHeaders.RUN_ID, launched.id());
        ex.header(CatalystHeaders.OVERHEAD_MS, String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - arrived) / 1e6));
        JsonNode output = null;
        while (true) {
            var item = feed.next();
            if (item instanceof AnswerFeed.Completed c) output = c.output();
            if (item instanceof AnswerFeed.End end) {
                RunResult result = launched.handle().await();
                runs.whenStored(launched.id()).join();
                if (end.terminal() instanceof dev.catalyst.core.events.RunEvent.RunFailed f) {
                    Long retry = OpenAiErrors.retryAfterSeconds(f.error());
                    if (retry != null) ex.header("Retry-After", Long.toString(retry));
                    throw OpenAiErrors.ofRun(f.error());
                }
                if (output == null) throw new ApiException(503, "cancelled", "the run ended without embeddings");
                Http.json(ex, 200, answer(model, output, result, format.equals("base64")));
                return;
            }
        }
    }

    private static ArrayNode texts(JsonNode input) {
        ArrayNode texts = Json.array();
        if (input != null && input.isString()) return texts.add(input.stringValue());
        if (input != null && input.isArray() && !input.isEmpty()) {
            for (JsonNode t : input) {
                if (!t.isString()) throw OpenAiErrors.invalid("input", "input must be a string or a list of strings (token arrays are not accepted)");
                texts.add(t.stringValue());
            }
            return texts;
        }
        throw OpenAiErrors.invalid("input", "input must be a string or a non-empty list of strings");
    }

    private static RunRequest request(GatewayModels.Embedding target, JsonNode dimensions, ArrayNode texts) {
        ObjectNode wf = Json.object();
        wf.put("schemaVersion", 1);
        wf.put("id", "v1-embeddings");
        wf.put("name", "/v1/embeddings");
        wf.putObject("inputs").putObject("texts").put("type", "array");
        ObjectNode config = wf.putArray("nodes").addObject().put("id", NODE).put("type", EmbeddingKind.TYPE).putObject("config");
        config.put("provider", target.provider());
        config.put("model", target.model());
        config.put("texts", "{{ inputs.texts }}");
        if (dimensions != null && !dimensions.isNull()) {
            if (!dimensions.isIntegralNumber()) throw OpenAiErrors.invalid("dimensions", "dimensions must be a whole number");
            config.put("dimensions", dimensions.intValue());
        }
        ObjectNode values = Json.object();
        values.set("texts", texts);
        return RunRequest.given(WorkflowCodec.decode(wf), new RunRequest.Inputs.Values(values));
    }

    private static ObjectNode answer(String model, JsonNode output, RunResult result, boolean base64) {
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        int i = 0;
        for (JsonNode vector : output.path("embeddings")) {
            ObjectNode e = data.addObject();
            e.put("object", "embedding");
            e.put("index", i++);
            if (base64) e.put("embedding", base64(vector));
            else e.set("embedding", vector);
        }
        body.put("model", model);
        var u = result.totalUsage();
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", u.inputTokens());
        usage.put("total_tokens", u.totalTokens() > 0 ? u.totalTokens() : u.inputTokens());
        usage.put("cost_usd", result.totalCostUsd());
        return body;
    }

    private static String base64(JsonNode vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode v : vector) bytes.putFloat(v.floatValue());
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
