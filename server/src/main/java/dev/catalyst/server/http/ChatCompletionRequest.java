package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code POST /v1/chat/completions} body, read into what the completion nodes take: tools in the
 * neutral shape, {@code tool_choice} as the node's, {@code max_tokens} or {@code max_completion_tokens}
 * as {@code maxTokens}. Each refusal is a 400 naming the field as OpenAI's {@code param}. Fields
 * that change nothing here ({@code user}, {@code metadata}, {@code store}) are ignored, as OpenAI does.
 */
record ChatCompletionRequest(
        String model,
        List<Message> messages,
        boolean stream,
        boolean includeUsage,
        Integer maxTokens,
        Double temperature,
        Double topP,
        List<String> stop,
        ArrayNode tools,
        JsonNode toolChoice,
        Boolean parallelToolCalls,
        String responseFormat,
        ObjectNode jsonSchema,
        Long seed,
        Double presencePenalty,
        Double frequencyPenalty) {

    /**
     * One message of the conversation, its content as plain text, in the completion nodes' neutral
     * shape: an assistant turn's {@code toolCalls} ({id, name, arguments}), a tool turn's {@code toolCallId}.
     */
    record Message(String role, String content, ArrayNode toolCalls, String toolCallId) {}

    static ChatCompletionRequest read(JsonNode body) {
        if (!body.isObject()) throw OpenAiErrors.invalid(null, "the body must be a JSON object");
        String model = text(body, "model", true);
        int n = body.path("n").asInt(1);
        if (body.has("n") && (!body.get("n").isIntegralNumber() || n != 1)) {
            throw OpenAiErrors.invalid("n", "n must be 1: one choice per call is all this server makes");
        }
        if (body.path("logprobs").asBoolean(false)) throw OpenAiErrors.invalid("logprobs", "logprobs are not supported");
        boolean stream = bool(body, "stream");
        JsonNode options = body.path("stream_options");
        boolean includeUsage = options.path("include_usage").asBoolean(false);
        if (includeUsage && !stream) throw OpenAiErrors.invalid("stream_options", "stream_options is only allowed with stream: true");
        Integer maxTokens = integer(body, "max_completion_tokens");
        if (maxTokens == null) maxTokens = integer(body, "max_tokens");
        var format = responseFormat(body.get("response_format"));
        return new ChatCompletionRequest(model, messages(body.get("messages")), stream, includeUsage, maxTokens,
                number(body, "temperature"), number(body, "top_p"), stop(body.get("stop")), tools(body.get("tools")),
                toolChoice(body.get("tool_choice")), body.has("parallel_tool_calls") ? bool(body, "parallel_tool_calls") : null,
                format.type(), format.schema(), body.has("seed") ? integer(body, "seed").longValue() : null,
                number(body, "presence_penalty"), number(body, "frequency_penalty"));
    }

    private static List<Message> messages(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw OpenAiErrors.invalid("messages", "messages must be a non-empty list of {role, content}");
        }
        var out = new ArrayList<Message>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String at = "messages[" + i + "]";
            if (!m.isObject()) throw OpenAiErrors.invalid(at, at + " must be an object {role, content}");
            String role = m.path("role").asString("");
            switch (role) {
                case "system", "developer", "user", "assistant", "tool" -> { }
                case "function" -> throw OpenAiErrors.invalid(at + ".role", at + ": role 'function' is OpenAI's retired form; send tool results as role 'tool'");
                default -> throw OpenAiErrors.invalid(at + ".role", at + ".role must be system, developer, user, assistant or tool, not '" + role + "'");
            }
            ArrayNode calls = role.equals("assistant") ? toolCalls(at, m.get("tool_calls")) : null;
            String callId = null;
            if (role.equals("tool")) {
                JsonNode id = m.get("tool_call_id");
                if (id == null || !id.isString() || id.stringValue().isBlank()) {
                    throw OpenAiErrors.invalid(at + ".tool_call_id", at + ": a tool message needs the tool_call_id it answers");
                }
                callId = id.stringValue();
            }
            JsonNode c = m.get("content");
            String content = calls != null && (c == null || c.isNull()) ? "" : content(at, c);
            out.add(new Message(role.equals("developer") ? "system" : role, content, calls, callId));
        }
        if (out.stream().noneMatch(m -> !m.role().equals("system"))) {
            throw OpenAiErrors.invalid("messages", "messages needs at least one user message");
        }
        return out;
    }

    /** An assistant turn's {@code tool_calls} in the neutral shape; arguments parsed when they are JSON, kept as text when not. */
    private static ArrayNode toolCalls(String at, JsonNode calls) {
        if (calls == null || calls.isNull() || calls.isEmpty()) return null;
        if (!calls.isArray()) throw OpenAiErrors.invalid(at + ".tool_calls", at + ".tool_calls must be a list");
        ArrayNode out = Json.array();
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            JsonNode f = call.path("function");
            String where = at + ".tool_calls[" + i + "]";
            if (!call.path("id").isString() || !f.path("name").isString()) {
                throw OpenAiErrors.invalid(where, where + " must be {id, type: \"function\", function: {name, arguments}}");
            }
            ObjectNode neutral = out.addObject();
            neutral.put("id", call.get("id").stringValue());
            neutral.put("name", f.get("name").stringValue());
            neutral.set("arguments", arguments(f.get("arguments")));
        }
        return out;
    }

    private static JsonNode arguments(JsonNode raw) {
        if (raw == null || raw.isNull()) return Json.object();
        if (!raw.isString()) return raw;
        try {
            return Json.parse(raw.stringValue());
        } catch (JsonSyntaxException notJson) {
            return raw; // the model's own unparsable text goes back to it as it was
        }
    }

    private static String content(String at, JsonNode c) {
        if (c != null && c.isString()) return c.stringValue();
        if (c != null && c.isArray()) {
            var text = new StringBuilder();
            for (JsonNode part : c) {
                if (!part.path("type").asString("").equals("text")) {
                    throw OpenAiErrors.invalid(at + ".content", at + ": only text content parts are accepted, not '"
                            + part.path("type").asString("?") + "'");
                }
                text.append(part.path("text").asString(""));
            }
            return text.toString();
        }
        throw OpenAiErrors.invalid(at + ".content", at + ".content must be text or a list of text parts");
    }

    private static ArrayNode tools(JsonNode tools) {
        if (tools == null || tools.isNull()) return null;
        if (!tools.isArray()) throw OpenAiErrors.invalid("tools", "tools must be a list");
        ArrayNode out = Json.array();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode t = tools.get(i);
            JsonNode f = t.path("function");
            if (!t.path("type").asString("").equals("function") || !f.path("name").isString()) {
                throw OpenAiErrors.invalid("tools[" + i + "]", "tools[" + i + "] must be {type: \"function\", function: {name, parameters}}");
            }
            ObjectNode neutral = out.addObject();
            neutral.put("name", f.get("name").stringValue());
            if (f.path("description").isString()) neutral.put("description", f.get("description").stringValue());
            neutral.set("parameters", f.path("parameters").isObject() ? f.get("parameters") : Json.object().put("type", "object"));
        }
        return out;
    }

    private static JsonNode toolChoice(JsonNode c) {
        if (c == null || c.isNull()) return null;
        if (c.isString() && List.of("auto", "none", "required").contains(c.stringValue())) return c;
        String name = c.path("function").path("name").asString(null);
        if (c.path("type").asString("").equals("function") && name != null) return Json.object().put("name", name);
        throw OpenAiErrors.invalid("tool_choice", "tool_choice must be auto, none, required or {type: \"function\", function: {name}}");
    }

    private record Format(String type, ObjectNode schema) {}

    private static Format responseFormat(JsonNode f) {
        if (f == null || f.isNull()) return new Format(null, null);
        String type = f.path("type").asString("");
        return switch (type) {
            case "text", "json_object" -> new Format(type, null);
            case "json_schema" -> {
                JsonNode s = f.path("json_schema");
                if (!s.path("name").isString() || !s.path("schema").isObject()) {
                    throw OpenAiErrors.invalid("response_format.json_schema", "json_schema needs a name and a schema object");
                }
                ObjectNode schema = Json.object();
                schema.put("name", s.get("name").stringValue());
                if (s.path("description").isString()) schema.put("description", s.get("description").stringValue());
                schema.set("schema", s.get("schema"));
                if (s.path("strict").isBoolean()) schema.put("strict", s.get("strict").booleanValue());
                yield new Format(type, schema);
            }
            default -> throw OpenAiErrors.invalid("response_format", "response_format.type must be text, json_object or json_schema");
        };
    }

    private static List<String> stop(JsonNode s) {
        if (s == null || s.isNull()) return null;
        if (s.isString()) return List.of(s.stringValue());
        if (s.isArray()) {
            var out = new ArrayList<String>();
            for (JsonNode v : s) {
                if (!v.isString()) throw OpenAiErrors.invalid("stop", "stop must be a string or a list of strings");
                out.add(v.stringValue());
            }
            return out;
        }
        throw OpenAiErrors.invalid("stop", "stop must be a string or a list of strings");
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) throw OpenAiErrors.invalid(field, field + " is required");
            return null;
        }
        if (!v.isString() || v.stringValue().isBlank()) throw OpenAiErrors.invalid(field, field + " must be a non-empty string");
        return v.stringValue();
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) throw OpenAiErrors.invalid(field, field + " must be true or false");
        return v.booleanValue();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw OpenAiErrors.invalid(field, field + " must be a whole number");
        return v.intValue();
    }

    private static Double number(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw OpenAiErrors.invalid(field, field + " must be a number");
        return v.doubleValue();
    }
}
