package dev.catalyst.testkit.fake;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Fake Anthropic Messages API: {@code POST /v1/messages}, JSON or named-event SSE, as in the docs transcripts. */
public final class AnthropicFake extends FakeServer {
    public AnthropicFake() {
        this(ModelCatalog.builtIn());
    }

    public AnthropicFake(ModelCatalog catalog) {
        super(catalog);
    }

    @Override
    public URI baseUrl() {
        return root();
    }

    @Override
    public String provider() {
        return "anthropic";
    }

    @Override
    protected void serve(FakeExchange ex) throws IOException {
        RecordedRequest r = ex.request();
        if (!r.method().equals("POST") || !r.path().equals("/v1/messages")) {
            error(ex, 404, "not_found_error", "Not found: " + r.method() + " " + r.path(), Map.of());
            return;
        }
        if (r.header("x-api-key") == null && r.header("authorization") == null) {
            error(ex, 401, "authentication_error", "x-api-key header is required", Map.of());
            return;
        }
        if (r.header("anthropic-version") == null) {
            error(ex, 400, "invalid_request_error", "anthropic-version: header is required", Map.of());
            return;
        }
        if (httpFault(ex)) return;
        JsonNode body;
        try {
            body = Json.parse(r.body());
        } catch (JsonSyntaxException e) {
            error(ex, 400, "invalid_request_error", "There was an error parsing the body: " + e.getMessage(), Map.of());
            return;
        }
        String problem = validate(body);
        if (problem != null) {
            error(ex, 400, "invalid_request_error", problem, Map.of());
            return;
        }
        String model = body.get("model").asString();
        if (catalog.resolve("anthropic", model).isEmpty()) {
            error(ex, 404, "not_found_error", "model: " + model, Map.of());
            return;
        }
        SimulatedReply reply = SimulatedReply.of(prompt(body), "toolu_01Fake", nextId());
        if (reply.hasToolUses()) {
            List<String> lead = SimulatedReply.tokenize("Let me use the " + reply.toolUses().getFirst().name() + " tool.");
            reply = new SimulatedReply(lead, reply.toolUses(), reply.finish(), null, reply.inputTokens(), reply.outputTokens() + lead.size());
        }
        if (ex.fault() == Fault.SLOW_FIRST_BYTE && !ex.pause(ex.timing().slowFirstByte())) return;
        if (ex.fault() == Fault.HANG) {
            ex.pause(Duration.ofMinutes(10));
            return;
        }
        String id = "msg_01Fake" + nextId();
        if (body.path("stream").asBoolean(false)) stream(ex, id, modelAnswering(model), reply);
        else message(ex, id, modelAnswering(model), reply);
    }

    private static String validate(JsonNode b) {
        if (!b.isObject()) return "body: Input should be an object";
        if (!b.path("model").isString()) return "model: Field required";
        if (!b.path("max_tokens").isIntegralNumber()) return "max_tokens: Field required";
        if (b.get("max_tokens").asLong() < 1) return "max_tokens: Input should be greater than or equal to 1";
        JsonNode msgs = b.path("messages");
        if (!msgs.isArray()) return "messages: Field required";
        if (msgs.isEmpty()) return "messages: at least one message is required";
        for (int i = 0; i < msgs.size(); i++) {
            String role = msgs.get(i).path("role").asString("");
            if (!role.equals("user") && !role.equals("assistant")) {
                return "messages." + i + ".role: Input should be 'user' or 'assistant'";
            }
            JsonNode c = msgs.get(i).path("content");
            if (!c.isString() && !c.isArray()) return "messages." + i + ".content: Field required";
        }
        if (b.has("system") && !b.get("system").isString() && !b.get("system").isArray()) return "system: Input should be a valid string or list";
        if (b.has("temperature") && (b.get("temperature").asDouble() < 0 || b.get("temperature").asDouble() > 1)) {
            return "temperature: range: 0..1";
        }
        if (b.has("stop_sequences") && !b.get("stop_sequences").isArray()) return "stop_sequences: Input should be a valid list";
        return null;
    }

    private static SimulatedReply.Prompt prompt(JsonNode b) {
        String system = textOf(b.path("system"));
        JsonNode last = b.get("messages").get(b.get("messages").size() - 1);
        String userText = null;
        String toolResult = null;
        if (last.path("role").asString().equals("user")) {
            JsonNode c = last.get("content");
            if (c.isString()) userText = c.asString();
            else {
                var texts = new StringBuilder();
                for (JsonNode block : c) {
                    if (block.path("type").asString().equals("tool_result")) toolResult = textOf(block.path("content"));
                    else if (block.path("type").asString().equals("text")) texts.append(block.path("text").asString());
                }
                userText = texts.toString();
            }
        }
        if (userText == null || userText.isEmpty()) {
            // a tool result turn: the topic comes from the first user message
            userText = textOf(b.get("messages").get(0).path("content"));
        }
        var tools = new ArrayList<JsonNode>();
        b.path("tools").forEach(tools::add);
        JsonNode tc = b.path("tool_choice");
        String choice = tc.path("type").asString("auto");
        String forced = choice.equals("tool") ? tc.path("name").asString() : null;
        var stops = new ArrayList<String>();
        b.path("stop_sequences").forEach(s -> stops.add(s.asString()));
        boolean parallel = !tc.path("disable_parallel_tool_use").asBoolean(false);
        return new SimulatedReply.Prompt(system, userText, toolResult, tools, choice, forced, parallel,
                b.get("max_tokens").asLong(), stops, null, null, b.get("messages").toString().length() + system.length());
    }

    static String textOf(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) return "";
        if (n.isString()) return n.asString();
        var sb = new StringBuilder();
        for (JsonNode block : n) if (block.has("text")) sb.append(block.get("text").asString());
        return sb.toString();
    }

    private boolean httpFault(FakeExchange ex) {
        if (ex.fault() == null) return false;
        FaultTiming t = ex.timing();
        switch (ex.fault()) {
            case HTTP_401 -> fixture(ex, 401, "401-authentication_error.json", Map.of());
            case HTTP_429_RETRY_AFTER -> fixture(ex, 429, "429-rate_limit_error.json", rateHeaders(Map.of("retry-after", Long.toString(t.retryAfterSeconds()))));
            case HTTP_429_RETRY_AFTER_MS -> fixture(ex, 429, "429-rate_limit_error.json", rateHeaders(Map.of("retry-after-ms", Long.toString(t.retryAfterMs()))));
            case HTTP_500 -> fixture(ex, 500, "500-api_error.json", Map.of());
            case HTTP_529_OVERLOADED -> fixture(ex, 529, "529-overloaded_error.json", Map.of());
            case HTTP_413 -> fixture(ex, 413, "413-request_too_large.json", Map.of());
            case HTTP_498_FLEX -> error(ex, 498, "capacity_exceeded", "Capacity exceeded for this tier; try again later", Map.of());
            case ERROR_EVENT_AFTER_200, CUT_MID_STREAM, MALFORMED_CHUNK, SLOW_FIRST_BYTE, STALL_BETWEEN_CHUNKS, HANG -> {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> rateHeaders(Map<String, String> extra) {
        var h = new LinkedHashMap<String, String>(extra);
        h.put("anthropic-ratelimit-requests-limit", "50");
        h.put("anthropic-ratelimit-requests-remaining", "0");
        return h;
    }

    private void fixture(FakeExchange ex, int status, String file, Map<String, String> headers) {
        var h = new LinkedHashMap<>(headers);
        h.put("request-id", "req_01Fake" + nextId());
        ex.send(status, "application/json", h, resource("errors/anthropic/" + file).getBytes(StandardCharsets.UTF_8));
    }

    private void error(FakeExchange ex, int status, String type, String message, Map<String, String> headers) {
        ObjectNode b = Json.object();
        b.put("type", "error");
        ObjectNode e = b.putObject("error");
        e.put("type", type);
        e.put("message", message);
        String rid = "req_01Fake" + nextId();
        b.put("request_id", rid);
        var h = new LinkedHashMap<>(headers);
        h.put("request-id", rid);
        ex.json(status, b, h);
    }

    private static String stopReason(SimulatedReply r) {
        return switch (r.finish()) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_USE -> "tool_use";
        };
    }

    private void message(FakeExchange ex, String id, String model, SimulatedReply r) {
        ObjectNode m = Json.object();
        m.put("id", id);
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", model);
        var content = m.putArray("content");
        if (!r.pieces().isEmpty()) content.addObject().put("type", "text").put("text", r.text());
        for (var u : r.toolUses()) {
            ObjectNode t = content.addObject();
            t.put("type", "tool_use");
            t.put("id", u.id());
            t.put("name", u.name());
            t.set("input", Json.parse(u.argumentsJson()));
        }
        m.put("stop_reason", stopReason(r));
        m.put("stop_sequence", r.stopSequence());
        ObjectNode usage = m.putObject("usage");
        usage.put("input_tokens", r.inputTokens());
        usage.put("output_tokens", r.outputTokens());
        byte[] bytes = Json.write(m).getBytes(StandardCharsets.UTF_8);
        var h = Map.of("request-id", "req_01Fake" + nextId());
        ex.sendWhole(h, bytes, () -> fixture(ex, 529, "529-overloaded_error.json", Map.of()));
    }

    private void stream(FakeExchange ex, String id, String model, SimulatedReply r) {
        ex.startSse(Map.of("request-id", "req_01Fake" + nextId()));
        ObjectNode start = Json.object();
        start.put("type", "message_start");
        ObjectNode m = start.putObject("message");
        m.put("id", id);
        m.put("type", "message");
        m.put("role", "assistant");
        m.putArray("content");
        m.put("model", model);
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        m.putObject("usage").put("input_tokens", r.inputTokens()).put("output_tokens", 1);
        ex.event("message_start", start);
        int index = 0;
        int sent = 0;
        if (!r.pieces().isEmpty()) {
            ex.event("content_block_start", blockStart(index, Json.object().put("type", "text").put("text", "")));
            ex.event("ping", Json.object().put("type", "ping"));
            for (String piece : r.pieces()) {
                if (!ex.beforeToken()) return;
                if (sent++ == 2 && fault(ex, AnthropicFake::partial)) return;
                ex.event("content_block_delta", delta(index, Json.object().put("type", "text_delta").put("text", piece)));
            }
            ex.event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", index));
            index++;
        }
        for (var u : r.toolUses()) {
            ObjectNode block = Json.object().put("type", "tool_use").put("id", u.id()).put("name", u.name());
            block.putObject("input");
            ex.event("content_block_start", blockStart(index, block));
            ex.event("content_block_delta", delta(index, Json.object().put("type", "input_json_delta").put("partial_json", "")));
            for (String f : u.fragments()) {
                if (!ex.beforeToken()) return;
                if (sent++ == 2 && fault(ex, AnthropicFake::partial)) return;
                ex.event("content_block_delta", delta(index, Json.object().put("type", "input_json_delta").put("partial_json", f)));
            }
            ex.event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", index));
            index++;
        }
        ObjectNode md = Json.object();
        md.put("type", "message_delta");
        ObjectNode d = md.putObject("delta");
        d.put("stop_reason", stopReason(r));
        d.put("stop_sequence", r.stopSequence());
        md.putObject("usage").put("output_tokens", r.outputTokens());
        ex.event("message_delta", md);
        ex.event("message_stop", Json.object().put("type", "message_stop"));
        ex.endSse();
    }

    private static String partial() {
        return "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"br\n\n";
    }

    /** Applies a mid-stream fault at the third token; true when the stream must end here. */
    static boolean fault(FakeExchange ex, java.util.function.Supplier<String> malformed) {
        if (ex.fault() == null) return false;
        switch (ex.fault()) {
            case ERROR_EVENT_AFTER_200 -> {
                ex.write("event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}\n\n");
                ex.endSse();
                return true;
            }
            case CUT_MID_STREAM -> {
                ex.cutConnection();
                return true;
            }
            case MALFORMED_CHUNK -> {
                ex.write(malformed.get());
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

    private static ObjectNode blockStart(int index, ObjectNode block) {
        ObjectNode o = Json.object();
        o.put("type", "content_block_start");
        o.put("index", index);
        o.set("content_block", block);
        return o;
    }

    private static ObjectNode delta(int index, ObjectNode delta) {
        ObjectNode o = Json.object();
        o.put("type", "content_block_delta");
        o.put("index", index);
        o.set("delta", delta);
        return o;
    }
}
