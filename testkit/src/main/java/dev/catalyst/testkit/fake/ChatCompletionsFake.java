package dev.catalyst.testkit.fake;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI Chat Completions wire format ({@code data:}-only SSE ending in {@code [DONE]}), shared
 * by the OpenAI and Groq fakes; each supplies its path prefix, request rules and error bodies.
 */
public abstract sealed class ChatCompletionsFake extends FakeServer permits OpenAiFake, GroqFake {
    protected ChatCompletionsFake(ModelCatalog catalog) {
        super(catalog);
    }

    /** Path prefix before {@code /chat/completions}: {@code /v1} or {@code /openai/v1}. */
    protected abstract String prefix();

    protected abstract boolean groq();

    /** A provider-specific rule the body breaks, or null. */
    protected abstract String reject(JsonNode body, String model);

    protected abstract String errorFile(int status);

    /** Other endpoints (embeddings); false when the path is not one. */
    protected boolean serveOther(FakeExchange ex) {
        return false;
    }

    @Override
    protected void serve(FakeExchange ex) throws IOException {
        RecordedRequest r = ex.request();
        String auth = r.header("authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7) {
            error(ex, 401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error", null, null, Map.of());
            return;
        }
        if (serveOther(ex)) return;
        if (!r.method().equals("POST") || !r.path().equals(prefix() + "/chat/completions")) {
            error(ex, 404, "Invalid URL (" + r.method() + " " + r.path() + ")", "invalid_request_error", null, null, Map.of());
            return;
        }
        if (httpFault(ex)) return;
        JsonNode body;
        try {
            body = Json.parse(r.body());
        } catch (JsonSyntaxException e) {
            error(ex, 400, "We could not parse the JSON body of your request. (" + e.getMessage() + ")", "invalid_request_error", null, null, Map.of());
            return;
        }
        String problem = ChatRequestReader.validate(body);
        if (problem != null) {
            error(ex, 400, problem, "invalid_request_error", null, null, Map.of());
            return;
        }
        String model = body.get("model").asString();
        if (catalog.resolve(provider(), model).isEmpty()) {
            error(ex, 404, "The model `" + model + "` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found", Map.of());
            return;
        }
        String rejected = reject(body, model);
        if (rejected != null) {
            if (rejected.startsWith("@")) ex.send(400, "application/json", Map.of(), resource(rejected.substring(1)).getBytes(StandardCharsets.UTF_8));
            else error(ex, 400, rejected, "invalid_request_error", null, null, Map.of());
            return;
        }
        SimulatedReply reply = SimulatedReply.of(ChatRequestReader.prompt(body), groq() ? "fc" : "call_Fake", nextId());
        if (ex.fault() == Fault.SLOW_FIRST_BYTE && !ex.pause(ex.timing().slowFirstByte())) return;
        if (ex.fault() == Fault.HANG) {
            ex.pause(Duration.ofMinutes(10));
            return;
        }
        String id = "chatcmpl-fake" + nextId();
        long created = System.currentTimeMillis() / 1000;
        if (body.path("stream").asBoolean(false)) {
            stream(ex, id, created, modelAnswering(model), reply, body.path("stream_options").path("include_usage").asBoolean(false));
        } else {
            completion(ex, id, created, modelAnswering(model), reply);
        }
    }

    private boolean httpFault(FakeExchange ex) {
        if (ex.fault() == null) return false;
        FaultTiming t = ex.timing();
        switch (ex.fault()) {
            case HTTP_401 -> fixture(ex, 401, Map.of());
            case HTTP_429_RETRY_AFTER -> fixture(ex, 429, Map.of("retry-after", Long.toString(t.retryAfterSeconds())));
            case HTTP_429_RETRY_AFTER_MS -> fixture(ex, 429, Map.of("retry-after-ms", Long.toString(t.retryAfterMs())));
            case HTTP_500 -> fixture(ex, 500, Map.of());
            case HTTP_529_OVERLOADED -> error(ex, 503, "The engine is currently overloaded, please try again later", "server_error", null, null, Map.of());
            case HTTP_413 -> fixture(ex, 413, Map.of());
            case HTTP_498_FLEX -> error(ex, 498, "Flex tier capacity exceeded. This is a temporary condition; please try again later.", "capacity_exceeded", null, "capacity_exceeded", Map.of());
            case ERROR_EVENT_AFTER_200, CUT_MID_STREAM, MALFORMED_CHUNK, SLOW_FIRST_BYTE, STALL_BETWEEN_CHUNKS, HANG -> {
                return false;
            }
        }
        return true;
    }

    private void fixture(FakeExchange ex, int status, Map<String, String> headers) {
        String file = errorFile(status);
        var h = new LinkedHashMap<>(headers);
        h.put("x-request-id", "req_fake" + nextId());
        if (file == null) {
            error(ex, status, status == 413 ? "Request too large; please reduce your message size and try again." : "The server had an error while processing your request. Sorry about that!",
                    status == 413 ? "invalid_request_error" : "server_error", null, null, h);
        } else {
            ex.send(status, "application/json", h, resource(file).getBytes(StandardCharsets.UTF_8));
        }
    }

    void error(FakeExchange ex, int status, String message, String type, String param, String code, Map<String, String> headers) {
        ObjectNode b = Json.object();
        ObjectNode e = b.putObject("error");
        e.put("message", message);
        e.put("type", type);
        // Groq leaves param out; OpenAI always sends all four keys
        if (!groq()) e.put("param", param);
        if (!groq() || code != null) e.put("code", code);
        var h = new LinkedHashMap<>(headers);
        h.putIfAbsent("x-request-id", "req_fake" + nextId());
        ex.json(status, b, h);
    }

    private static String finishReason(SimulatedReply r) {
        return switch (r.finish()) {
            case STOP, STOP_SEQUENCE -> "stop";
            case LENGTH -> "length";
            case TOOL_USE -> "tool_calls";
        };
    }

    private ObjectNode usage(SimulatedReply r) {
        ObjectNode u = Json.object();
        if (groq()) u.put("queue_time", 0.0123);
        u.put("prompt_tokens", r.inputTokens());
        if (groq()) u.put("prompt_time", 0.0021);
        u.put("completion_tokens", r.outputTokens());
        if (groq()) u.put("completion_time", r.outputTokens() / 500.0);
        u.put("total_tokens", r.inputTokens() + r.outputTokens());
        if (groq()) {
            u.put("total_time", 0.0021 + r.outputTokens() / 500.0);
        } else {
            u.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        }
        return u;
    }

    private void completion(FakeExchange ex, String id, long created, String model, SimulatedReply r) {
        ObjectNode c = Json.object();
        c.put("id", id);
        c.put("object", "chat.completion");
        c.put("created", created);
        c.put("model", model);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode msg = choice.putObject("message");
        msg.put("role", "assistant");
        if (r.hasToolUses()) msg.putNull("content");
        else msg.put("content", r.text());
        if (!groq()) msg.putNull("refusal");
        if (r.hasToolUses()) {
            ArrayNode calls = msg.putArray("tool_calls");
            for (var u : r.toolUses()) {
                ObjectNode call = calls.addObject();
                call.put("id", u.id());
                call.put("type", "function");
                call.putObject("function").put("name", u.name()).put("arguments", u.argumentsJson());
            }
        }
        if (!groq()) msg.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(r));
        ObjectNode usage = usage(r);
        if (!groq()) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
            usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                    .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        }
        c.set("usage", usage);
        if (groq()) {
            c.putNull("usage_breakdown");
            c.put("system_fingerprint", "fp_fake0001");
            c.putObject("x_groq").put("id", "req_fake" + id).put("seed", Math.abs(id.hashCode()));
            c.put("service_tier", "on_demand");
        } else {
            c.put("service_tier", "default");
        }
        byte[] bytes = Json.write(c).getBytes(StandardCharsets.UTF_8);
        var h = Map.of("x-request-id", "req_fake" + nextId());
        ex.sendWhole(h, bytes, () -> fixture(ex, 500, Map.of()));
    }

    private ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finish) {
        ObjectNode c = Json.object();
        c.put("id", id);
        c.put("object", "chat.completion.chunk");
        c.put("created", created);
        c.put("model", model);
        c.put("system_fingerprint", "fp_fake0001");
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        return c;
    }

    private void stream(FakeExchange ex, String id, long created, String model, SimulatedReply r, boolean includeUsage) {
        ex.startSse(Map.of("x-request-id", "req_fake" + nextId()));
        String groqId = "req_fake" + id;
        ObjectNode first = Json.object().put("role", "assistant");
        if (r.hasToolUses()) first.putNull("content");
        else first.put("content", "");
        if (!groq() && !r.hasToolUses()) first.putNull("refusal");
        ObjectNode head = chunk(id, created, model, first, null);
        if (groq()) head.putObject("x_groq").put("id", groqId).put("seed", Math.abs(id.hashCode()));
        ex.data(head);
        int sent = 0;
        for (String piece : r.pieces()) {
            if (!ex.beforeToken()) return;
            if (sent++ == 2 && midStreamFault(ex, id, groqId)) return;
            ex.data(chunk(id, created, model, Json.object().put("content", piece), null));
        }
        for (int i = 0; i < r.toolUses().size(); i++) {
            var u = r.toolUses().get(i);
            ObjectNode call = Json.object();
            call.put("index", i);
            call.put("id", u.id());
            call.put("type", "function");
            if (groq()) {
                // Groq sends each call whole, in one delta, with the index last (as recorded)
                call.remove("index");
                call.putObject("function").put("name", u.name()).put("arguments", u.argumentsJson());
                call.put("index", i);
                ObjectNode whole = Json.object();
                whole.putArray("tool_calls").add(call);
                if (!ex.beforeToken()) return;
                ex.data(chunk(id, created, model, whole, null));
                continue;
            }
            call.putObject("function").put("name", u.name()).put("arguments", "");
            ObjectNode d = Json.object();
            d.putArray("tool_calls").add(call);
            ex.data(chunk(id, created, model, d, null));
            for (String f : u.fragments()) {
                if (!ex.beforeToken()) return;
                if (sent++ == 2 && midStreamFault(ex, id, groqId)) return;
                ObjectNode frag = Json.object();
                frag.put("index", i);
                frag.putObject("function").put("arguments", f);
                ObjectNode fd = Json.object();
                fd.putArray("tool_calls").add(frag);
                ex.data(chunk(id, created, model, fd, null));
            }
        }
        ObjectNode last = chunk(id, created, model, Json.object(), finishReason(r));
        if (groq()) {
            // Groq: usage rides on the finish chunk, under x_groq and at the top level
            last.putObject("x_groq").put("id", groqId).set("usage", usage(r));
            last.set("usage", usage(r));
        }
        ex.data(last);
        if (includeUsage && !groq()) {
            ObjectNode u = Json.object();
            u.put("id", id);
            u.put("object", "chat.completion.chunk");
            u.put("created", created);
            u.put("model", model);
            u.put("system_fingerprint", "fp_fake0001");
            u.putArray("choices");
            u.set("usage", usage(r));
            ex.data(u);
        }
        ex.write("data: [DONE]\n\n");
        ex.endSse();
    }

    private boolean midStreamFault(FakeExchange ex, String id, String groqId) {
        if (ex.fault() == null) return false;
        switch (ex.fault()) {
            case ERROR_EVENT_AFTER_200 -> {
                if (groq()) {
                    ObjectNode c = Json.object();
                    c.put("id", id);
                    c.put("object", "chat.completion.chunk");
                    c.put("created", System.currentTimeMillis() / 1000);
                    c.put("model", ex.request().json().path("model").asString());
                    c.put("system_fingerprint", "fp_fake0001");
                    c.putArray("choices");
                    c.putObject("x_groq").put("id", groqId).put("error", "stream stopped early: internal error");
                    ex.data(c);
                } else {
                    ex.write("data: {\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n");
                }
                ex.endSse();
                return true;
            }
            case CUT_MID_STREAM -> {
                ex.cutConnection();
                return true;
            }
            case MALFORMED_CHUNK -> {
                ex.write("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"br\n\n");
                ex.endSse();
                return true;
            }
            case STALL_BETWEEN_CHUNKS -> {
                return !ex.pause(ex.timing().stall());
            }
            default -> {
                return false;
            }
        }
    }
}
