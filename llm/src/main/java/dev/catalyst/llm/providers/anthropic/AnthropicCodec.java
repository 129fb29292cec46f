package dev.catalyst.llm.providers.anthropic;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic Messages: request body and headers, answer and error mapping. */
public final class AnthropicCodec implements ProviderCodec {
    public static final String VERSION = "2023-06-01";
    static final String PROVIDER = "anthropic";

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public HttpRequest request(URI baseUrl, ChatRequest req, Secret key) throws LlmException {
        if (key == null) throw new LlmException(new LlmError.Auth(PROVIDER, 0, "anthropic: no API key configured"));
        return WireJson.post(WireJson.append(baseUrl, "/v1/messages"), body(req), req.stream())
                .header("x-api-key", key.reveal())
                .header("anthropic-version", VERSION)
                .build();
    }

    /** The request body; system messages in the conversation join the top-level system prompt. */
    public static ObjectNode body(ChatRequest req) throws LlmException {
        if (req.messages().isEmpty()) throw WireJson.invalid(PROVIDER, "a request needs at least one message");
        ObjectNode b = Json.object();
        b.put("model", req.model());
        b.put("max_tokens", req.maxTokens() == null ? 1024 : req.maxTokens());
        var system = new StringBuilder(req.system() == null ? "" : req.system());
        ArrayNode messages = Json.array();
        ArrayNode pendingResults = null;
        for (ChatMessage m : req.messages()) {
            switch (m.role()) {
                case "system" -> system.append(system.isEmpty() ? "" : "\n\n").append(m.content());
                case "tool" -> {
                    if (pendingResults == null) {
                        ObjectNode user = messages.addObject();
                        user.put("role", "user");
                        pendingResults = user.putArray("content");
                    }
                    ObjectNode r = pendingResults.addObject();
                    r.put("type", "tool_result");
                    r.put("tool_use_id", m.toolCallId());
                    r.put("content", m.content() == null ? "" : m.content());
                }
                case "user", "assistant" -> {
                    pendingResults = null;
                    ObjectNode msg = messages.addObject();
                    msg.put("role", m.role());
                    if (m.toolCalls().isEmpty()) {
                        msg.put("content", m.content() == null ? "" : m.content());
                    } else {
                        ArrayNode blocks = msg.putArray("content");
                        if (m.content() != null && !m.content().isEmpty()) blocks.addObject().put("type", "text").put("text", m.content());
                        for (ToolCall c : m.toolCalls()) {
                            ObjectNode u = blocks.addObject();
                            u.put("type", "tool_use");
                            u.put("id", c.id());
                            u.put("name", c.name());
                            u.set("input", c.arguments() == null || !c.arguments().isObject() ? Json.object() : c.arguments());
                        }
                    }
                }
                default -> throw WireJson.invalid(PROVIDER, "unknown message role '" + m.role() + "'");
            }
        }
        if (!system.isEmpty()) b.put("system", system.toString());
        b.set("messages", messages);
        if (req.temperature() != null) b.put("temperature", req.temperature());
        if (req.topP() != null) b.put("top_p", req.topP());
        if (req.topK() != null) b.put("top_k", req.topK());
        if (!req.stopSequences().isEmpty()) {
            ArrayNode s = b.putArray("stop_sequences");
            req.stopSequences().forEach(s::add);
        }
        if (req.stream()) b.put("stream", true);
        if (!req.tools().isEmpty()) {
            ArrayNode tools = b.putArray("tools");
            for (ToolSpec t : req.tools()) {
                ObjectNode o = tools.addObject();
                o.put("name", t.name());
                if (t.description() != null) o.put("description", t.description());
                o.set("input_schema", t.parameters() == null ? Json.object().put("type", "object") : t.parameters());
            }
            ObjectNode choice = null;
            if (req.toolChoice() != null) {
                choice = Json.object();
                switch (req.toolChoice().mode()) {
                    case "required", "any" -> choice.put("type", "any");
                    case "none" -> choice.put("type", "none");
                    case "tool" -> choice.put("type", "tool").put("name", req.toolChoice().name());
                    default -> choice.put("type", "auto");
                }
            }
            if (Boolean.FALSE.equals(req.parallelToolCalls())) {
                if (choice == null) choice = Json.object().put("type", "auto");
                if (!"none".equals(choice.path("type").asString())) choice.put("disable_parallel_tool_use", true);
            }
            if (choice != null) b.set("tool_choice", choice);
        }
        if (req.extra() != null) req.extra().properties().forEach(e -> b.set(e.getKey(), e.getValue()));
        return b;
    }

    @Override
    public StreamMapper streamMapper() {
        return new AnthropicStreamMapper();
    }

    @Override
    public void parseResponse(JsonNode body, Consumer<StreamChunk> out) throws LlmException {
        if (!"message".equals(body.path("type").asString(""))) {
            throw new LlmException(new LlmError.ServerError(PROVIDER, 200, "anthropic answered with something that is not a message", null));
        }
        out.accept(new StreamChunk.Started(WireJson.text(body, "id"), WireJson.text(body, "model")));
        int tool = 0;
        for (JsonNode block : body.path("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> out.accept(new StreamChunk.TextDelta(block.path("text").asString("")));
                case "tool_use" -> out.accept(new StreamChunk.ToolCallDelta(tool++, WireJson.text(block, "id"), WireJson.text(block, "name"),
                        Json.write(block.path("input"))));
                default -> { } // thinking and server-tool blocks are not part of the text
            }
        }
        out.accept(usage(body.path("usage")));
        String reason = WireJson.text(body, "stop_reason");
        out.accept(new StreamChunk.Finish(reason, finish(reason)));
    }

    /** Anthropic's input_tokens excludes cache reads and writes; the contract's input includes them. */
    static StreamChunk.UsageReport usage(JsonNode u) {
        Long in = WireJson.longOrNull(u, "input_tokens");
        Long read = WireJson.longOrNull(u, "cache_read_input_tokens");
        Long write = WireJson.longOrNull(u, "cache_creation_input_tokens");
        Long input = in == null ? null : in + (read == null ? 0 : read) + (write == null ? 0 : write);
        return new StreamChunk.UsageReport(input, WireJson.longOrNull(u, "output_tokens"), read);
    }

    static StreamChunk.FinishReason finish(String reason) {
        if (reason == null) return StreamChunk.FinishReason.OTHER;
        return switch (reason) {
            case "end_turn" -> StreamChunk.FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> StreamChunk.FinishReason.LENGTH;
            case "stop_sequence" -> StreamChunk.FinishReason.STOP_SEQUENCE;
            case "tool_use" -> StreamChunk.FinishReason.TOOL_USE;
            case "refusal" -> StreamChunk.FinishReason.REFUSAL;
            default -> StreamChunk.FinishReason.OTHER;
        };
    }

    @Override
    public LlmError error(int status, String body, Long retryAfterMs) {
        JsonNode json = WireJson.tryParse(body);
        JsonNode err = json == null ? null : json.path("error");
        String type = err == null ? null : WireJson.text(err, "type");
        String message = err == null ? WireJson.clip(body) : WireJson.text(err, "message");
        return LlmError.classify(PROVIDER, status, type, null, message, retryAfterMs);
    }

    /** An in-stream error event, classified by its type as the matching HTTP error would be. */
    static LlmError streamError(JsonNode data) {
        JsonNode err = data.path("error");
        String type = err.path("type").asString("api_error");
        int status = switch (type) {
            case "overloaded_error" -> 529;
            case "rate_limit_error" -> 429;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "invalid_request_error" -> 400;
            case "timeout_error" -> 504;
            default -> 500;
        };
        LlmError e = LlmError.classify(PROVIDER, status, type, null, err.path("message").asString(""), null);
        return e;
    }
}
