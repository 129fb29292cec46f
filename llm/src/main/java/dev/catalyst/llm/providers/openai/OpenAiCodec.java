package dev.catalyst.llm.providers.openai;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.llm.ChatMessage;
import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.ToolCall;
import dev.catalyst.llm.ToolSpec;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.ProviderCodec;
import dev.catalyst.llm.providers.http.StreamMapper;
import dev.catalyst.llm.providers.http.WireJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI Chat Completions: request body, answer and error mapping. Groq reuses it
 * ({@link dev.catalyst.llm.providers.groq.GroqCodec}) with its own provider name and request rules.
 */
public class OpenAiCodec implements ProviderCodec {
    /** Reasoning models take only max_completion_tokens and answer 400 to max_tokens. */
    private static final Pattern MAX_COMPLETION_ONLY = Pattern.compile("^(o\\d|gpt-5|gpt-6|gpt-7).*");

    @Override
    public String provider() {
        return "openai";
    }

    public static boolean needsMaxCompletionTokens(String model) {
        return model != null && MAX_COMPLETION_ONLY.matcher(model).matches();
    }

    @Override
    public HttpRequest request(URI baseUrl, ChatRequest req, Secret key) throws LlmException {
        String auth = WireJson.bearer(key, provider());
        return WireJson.post(WireJson.append(baseUrl, "/chat/completions"), body(req), req.stream())
                .header("authorization", auth)
                .build();
    }

    /** How many tokens the model may write, under the field name this model accepts. */
    protected void maxTokens(ObjectNode b, ChatRequest req) {
        if (req.maxTokens() == null) return;
        b.put(needsMaxCompletionTokens(req.model()) ? "max_completion_tokens" : "max_tokens", req.maxTokens());
    }

    /** OpenAI sends usage at the end of a stream only when asked to. */
    protected void streamOptions(ObjectNode b) {
        b.putObject("stream_options").put("include_usage", true);
    }

    public ObjectNode body(ChatRequest req) throws LlmException {
        if (req.messages().isEmpty()) throw WireJson.invalid(provider(), "a request needs at least one message");
        ObjectNode b = Json.object();
        b.put("model", req.model());
        ArrayNode messages = b.putArray("messages");
        if (req.system() != null && !req.system().isEmpty()) messages.addObject().put("role", "system").put("content", req.system());
        for (ChatMessage m : req.messages()) {
            ObjectNode o = messages.addObject();
            switch (m.role()) {
                case "system", "user" -> o.put("role", m.role()).put("content", m.content() == null ? "" : m.content());
                case "assistant" -> {
                    o.put("role", "assistant");
                    if (m.toolCalls().isEmpty()) o.put("content", m.content() == null ? "" : m.content());
                    else {
                        if (m.content() == null || m.content().isEmpty()) o.putNull("content");
                        else o.put("content", m.content());
                        ArrayNode calls = o.putArray("tool_calls");
                        for (ToolCall c : m.toolCalls()) {
                            ObjectNode call = calls.addObject();
                            call.put("id", c.id());
                            call.put("type", "function");
                            call.putObject("function").put("name", c.name())
                                    .put("arguments", c.arguments() == null ? "{}" : c.arguments().isString() ? c.arguments().asString() : Json.write(c.arguments()));
                        }
                    }
                }
                case "tool" -> o.put("role", "tool").put("tool_call_id", m.toolCallId()).put("content", m.content() == null ? "" : m.content());
                default -> throw WireJson.invalid(provider(), "unknown message role '" + m.role() + "'");
            }
        }
        maxTokens(b, req);
        if (req.temperature() != null) b.put("temperature", req.temperature());
        if (req.topP() != null) b.put("top_p", req.topP());
        if (!req.stopSequences().isEmpty()) {
            ArrayNode s = b.putArray("stop");
            req.stopSequences().forEach(s::add);
        }
        if (!req.tools().isEmpty()) {
            ArrayNode tools = b.putArray("tools");
            for (ToolSpec t : req.tools()) {
                ObjectNode f = tools.addObject().put("type", "function").putObject("function");
                f.put("name", t.name());
                if (t.description() != null) f.put("description", t.description());
                f.set("parameters", t.parameters() == null ? Json.object().put("type", "object") : t.parameters());
            }
            if (req.toolChoice() != null) {
                switch (req.toolChoice().mode()) {
                    case "tool" -> b.putObject("tool_choice").put("type", "function").putObject("function").put("name", req.toolChoice().name());
                    case "any" -> b.put("tool_choice", "required");
                    default -> b.put("tool_choice", req.toolChoice().mode());
                }
            }
            if (req.parallelToolCalls() != null) b.put("parallel_tool_calls", req.parallelToolCalls());
        }
        if (req.responseFormat() != null) {
            switch (req.responseFormat()) {
                case "json_object" -> b.putObject("response_format").put("type", "json_object");
                case "json_schema" -> {
                    if (req.jsonSchema() == null || !req.jsonSchema().path("name").isString()) {
                        throw WireJson.invalid(provider(), "responseFormat json_schema needs jsonSchema with a name and a schema");
                    }
                    ObjectNode rf = b.putObject("response_format").put("type", "json_schema");
                    ObjectNode js = rf.putObject("json_schema");
                    js.put("name", req.jsonSchema().get("name").asString());
                    if (req.jsonSchema().has("description")) js.set("description", req.jsonSchema().get("description"));
                    js.set("schema", req.jsonSchema().path("schema").isObject() ? req.jsonSchema().get("schema") : Json.object());
                    js.put("strict", req.jsonSchema().path("strict").asBoolean(true));
                }
                default -> { } // text is the default and is not sent
            }
        }
        if (req.stream()) {
            b.put("stream", true);
            streamOptions(b);
        }
        if (req.extra() != null) req.extra().properties().forEach(e -> b.set(e.getKey(), e.getValue()));
        return b;
    }

    @Override
    public StreamMapper streamMapper() {
        return new OpenAiStreamMapper(provider());
    }

    @Override
    public void parseResponse(JsonNode body, Consumer<StreamChunk> out) throws LlmException {
        JsonNode choice = body.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new LlmException(new LlmError.ServerError(provider(), 200, provider() + " answered without choices", null));
        }
        out.accept(new StreamChunk.Started(WireJson.text(body, "id"), WireJson.text(body, "model")));
        JsonNode msg = choice.path("message");
        if (msg.path("content").isString()) out.accept(new StreamChunk.TextDelta(msg.get("content").asString()));
        if (msg.path("refusal").isString()) out.accept(new StreamChunk.RefusalDelta(msg.get("refusal").asString()));
        int i = 0;
        for (JsonNode call : msg.path("tool_calls")) {
            JsonNode f = call.path("function");
            out.accept(new StreamChunk.ToolCallDelta(i++, WireJson.text(call, "id"), WireJson.text(f, "name"), f.path("arguments").asString("")));
        }
        JsonNode usage = body.has("usage") && body.get("usage").isObject() ? body.get("usage") : body.path("x_groq").path("usage");
        if (usage.isObject()) out.accept(usage(usage));
        String reason = WireJson.text(choice, "finish_reason");
        out.accept(new StreamChunk.Finish(reason, finish(reason)));
    }

    static StreamChunk.UsageReport usage(JsonNode u) {
        return new StreamChunk.UsageReport(WireJson.longOrNull(u, "prompt_tokens"), WireJson.longOrNull(u, "completion_tokens"),
                WireJson.longOrNull(u.path("prompt_tokens_details"), "cached_tokens"));
    }

    static StreamChunk.FinishReason finish(String reason) {
        if (reason == null) return StreamChunk.FinishReason.OTHER;
        return switch (reason) {
            case "stop" -> StreamChunk.FinishReason.STOP;
            case "length" -> StreamChunk.FinishReason.LENGTH;
            case "tool_calls", "function_call" -> StreamChunk.FinishReason.TOOL_USE;
            case "content_filter" -> StreamChunk.FinishReason.CONTENT_FILTER;
            default -> StreamChunk.FinishReason.OTHER;
        };
    }

    @Override
    public LlmError error(int status, String body, Long retryAfterMs) {
        JsonNode json = WireJson.tryParse(body);
        JsonNode err = json == null ? null : json.path("error");
        if (err != null && !err.isObject()) err = null;
        String type = err == null ? null : WireJson.text(err, "type");
        String code = err == null ? null : WireJson.text(err, "code");
        String message = err == null ? WireJson.clip(body) : WireJson.text(err, "message");
        return LlmError.classify(provider(), status, type, code, message, retryAfterMs);
    }
}
