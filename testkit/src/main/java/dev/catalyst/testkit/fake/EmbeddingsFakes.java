package dev.catalyst.testkit.fake;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The embeddings endpoints of the OpenAI and Voyage fakes: deterministic unit vectors per text. */
final class EmbeddingsFakes {
    private EmbeddingsFakes() {}

    /** A unit vector that depends only on the text and the size. */
    static float[] vector(String text, int dims) {
        var rnd = new SplittableRandom(text.hashCode() * 31L + dims);
        float[] v = new float[dims];
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dims; i++) v[i] *= scale;
        return v;
    }

    static String base64(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static List<String> inputs(JsonNode input) {
        var out = new ArrayList<String>();
        if (input.isString()) out.add(input.asString());
        else if (input.isArray()) input.forEach(i -> out.add(i.isString() ? i.asString() : i.toString()));
        return out;
    }

    static void openai(OpenAiFake fake, FakeExchange ex) {
        if (!ex.request().method().equals("POST")) {
            fake.error(ex, 405, "Method not allowed", "invalid_request_error", null, null, Map.of());
            return;
        }
        JsonNode b;
        try {
            b = Json.parse(ex.request().body());
        } catch (JsonSyntaxException e) {
            fake.error(ex, 400, "We could not parse the JSON body of your request.", "invalid_request_error", null, null, Map.of());
            return;
        }
        if (ex.fault() == Fault.HTTP_429_RETRY_AFTER || ex.fault() == Fault.HTTP_429_RETRY_AFTER_MS) {
            var h = ex.fault() == Fault.HTTP_429_RETRY_AFTER ? Map.of("retry-after", Long.toString(ex.timing().retryAfterSeconds()))
                    : Map.of("retry-after-ms", Long.toString(ex.timing().retryAfterMs()));
            ex.send(429, "application/json", h, FakeServer.resource("errors/openai/429-rate_limit_exceeded.json").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (ex.fault() == Fault.HTTP_401) {
            ex.send(401, "application/json", Map.of(), FakeServer.resource("errors/openai/401-invalid_api_key.json").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (ex.fault() == Fault.HTTP_500) {
            ex.send(500, "application/json", Map.of(), FakeServer.resource("errors/openai/500-server_error.json").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String model = b.path("model").asString("");
        List<String> texts = inputs(b.path("input"));
        String problem = null;
        if (model.isEmpty()) problem = "you must provide a model parameter";
        else if (!b.has("input")) problem = "Missing required parameter: 'input'.";
        else if (texts.isEmpty()) problem = "'input' : input must be a non-empty string or array";
        else if (texts.size() > 2048) problem = "'input' : maximum 2048 items, got " + texts.size();
        else if (texts.stream().anyMatch(String::isEmpty)) problem = "'input' : input cannot be an empty string";
        else if (b.has("dimensions") && !model.startsWith("text-embedding-3")) problem = "This model does not support specifying dimensions.";
        String enc = b.path("encoding_format").asString("float");
        if (problem == null && !enc.equals("float") && !enc.equals("base64")) problem = "'encoding_format' must be 'float' or 'base64'";
        if (problem != null) {
            fake.error(ex, 400, problem, "invalid_request_error", null, null, Map.of());
            return;
        }
        if (fake.catalog.resolve("openai", model).isEmpty()) {
            fake.error(ex, 404, "The model `" + model + "` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found", Map.of());
            return;
        }
        int dims = b.has("dimensions") ? b.get("dimensions").asInt() : model.equals("text-embedding-3-large") ? 3072 : 1536;
        ObjectNode out = Json.object();
        out.put("object", "list");
        var data = out.putArray("data");
        long tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] v = vector(texts.get(i), dims);
            ObjectNode e = data.addObject();
            e.put("object", "embedding");
            e.put("index", i);
            if (enc.equals("base64")) e.put("embedding", base64(v));
            else {
                var arr = e.putArray("embedding");
                for (float f : v) arr.add(f);
            }
            tokens += Math.max(1, texts.get(i).length() / 4);
        }
        out.put("model", fake.modelAnswering(model));
        out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        ex.json(200, out, Map.of("x-request-id", "req_fake" + fake.nextId()));
    }

    static void voyage(VoyageFake fake, FakeExchange ex) {
        JsonNode b;
        try {
            b = Json.parse(ex.request().body());
        } catch (JsonSyntaxException e) {
            detail(ex, 400, "Request body is not valid JSON.", Map.of());
            return;
        }
        String model = b.path("model").asString("");
        List<String> texts = inputs(b.path("input"));
        JsonNode type = b.path("input_type");
        String problem = null;
        if (!b.has("input") || texts.isEmpty()) problem = "Field 'input' is required and must be a string or a list of strings.";
        else if (model.isEmpty()) problem = "Field 'model' is required.";
        else if (texts.size() > 1000) problem = "Batch size is too large: the max allowed is 1000, got " + texts.size() + ".";
        else if (!type.isMissingNode() && !type.isNull() && !type.asString("").matches("query|document")) {
            problem = "Value for 'input_type' must be null, 'query' or 'document'.";
        } else if (!b.path("output_dtype").asString("float").equals("float")) {
            problem = "This fake supports output_dtype 'float' only.";
        }
        if (problem != null) {
            detail(ex, 400, problem, Map.of());
            return;
        }
        if (fake.catalog.resolve("voyage", model).isEmpty()) {
            detail(ex, 400, "Model " + model + " is not supported.", Map.of());
            return;
        }
        int dims = b.path("output_dimension").isIntegralNumber() ? b.get("output_dimension").asInt() : 1024;
        boolean base64 = b.path("encoding_format").asString("").equals("base64");
        ObjectNode out = Json.object();
        out.put("object", "list");
        var data = out.putArray("data");
        long tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = type.isString() ? type.asString() + ":" + texts.get(i) : texts.get(i);
            float[] v = vector(text, dims);
            ObjectNode e = data.addObject();
            e.put("object", "embedding");
            if (base64) e.put("embedding", base64(v));
            else {
                var arr = e.putArray("embedding");
                for (float f : v) arr.add(f);
            }
            e.put("index", i);
            tokens += Math.max(1, texts.get(i).length() / 4);
        }
        out.put("model", fake.modelAnswering(model));
        out.putObject("usage").put("total_tokens", tokens);
        ex.json(200, out, Map.of());
    }

    static void detail(FakeExchange ex, int status, String message, Map<String, String> headers) {
        ObjectNode o = Json.object();
        o.put("detail", message);
        ex.json(status, o, headers);
    }
}
