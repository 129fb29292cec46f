package dev.catalyst.llm.providers.openai;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.llm.ChatMessage;
import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.ToolCall;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.HttpErrors;
import dev.catalyst.llm.providers.http.ProviderCodec;
import dev.catalyst.llm.providers.http.StreamMapper;
import dev.catalyst.llm.providers.http.WireJson;
import dev.catalyst.llm.providers.http.WireRequest;
import dev.catalyst.llm.providers.openai.ChatCompletionRequest.Message;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI Chat Completions: request body, answer and error mapping. Groq reuses it
 * ({@link dev.catalyst.llm.providers.groq.GroqCodec}) with its own provider name, request rules and error codes.
 */
public class OpenAiCodec implements ProviderCodec {
    /** Reasoning models take only max_completion_tokens and answer 400 to max_tokens. */
    private static final Pattern MAX_COMPLETION_ONLY = Pattern.compile("^(o\\d|gpt-5|gpt-6|gpt-7).*");
    private static final ObjectReader RESPONSE = WireJson.reader(ChatCompletion.class);

    @Override
    public String provider() {
        return "openai";
    }

    public static boolean needsMaxCompletionTokens(String model) {
        return model != null && MAX_COMPLETION_ONLY.matcher(model).matches();
    }

    @Override
    public WireRequest request(URI baseUrl, ChatRequest req, Secret key) throws LlmException {
        String auth = WireJson.bearer(key, provider());
        return WireJson.post(WireJson.append(baseUrl, "/chat/completions"), body(req), req.stream())
                .header("authorization", auth);
    }

    /** Whether this model's token limit goes in max_completion_tokens rather than max_tokens. */
    protected boolean usesMaxCompletionTokens(String model) {
        return needsMaxCompletionTokens(model);
    }

    /** OpenAI sends usage at the end of a stream only when asked to. */
    protected boolean asksForStreamUsage() {
        return true;
    }

    /** The request body, with {@code extra} laid over it. */
    public ObjectNode body(ChatRequest req) throws LlmException {
        ObjectNode b = WireJson.tree(wire(req));
        if (req.extra() != null) req.extra().properties().forEach(e -> b.set(e.getKey(), e.getValue()));
        return b;
    }

    ChatCompletionRequest wire(ChatRequest req) throws LlmException {
        if (req.messages().isEmpty()) throw WireJson.invalid(provider(), "a request needs at least one message");
        var messages = new ArrayList<Message>();
        if (req.system() != null && !req.system().isEmpty()) messages.add(new Message("system", req.system(), null, null));
        for (ChatMessage m : req.messages()) messages.add(message(m));
        boolean completionTokens = req.maxTokens() != null && usesMaxCompletionTokens(req.model());
        List<ChatCompletionRequest.Tool> tools = req.tools().isEmpty() ? null : req.tools().stream()
                .map(t -> new ChatCompletionRequest.Tool("function", new ChatCompletionRequest.Function(t.name(), t.description(),
                        t.parameters() == null ? Json.object().put("type", "object") : t.parameters())))
                .toList();
        ChatCompletionRequest.ToolChoice choice = null;
        if (tools != null && req.toolChoice() != null) {
            choice = switch (req.toolChoice().mode()) {
                case "tool" -> new ChatCompletionRequest.Named("function", new ChatCompletionRequest.NamedFunction(req.toolChoice().name()));
                case "any" -> new ChatCompletionRequest.Mode("required");
                default -> new ChatCompletionRequest.Mode(req.toolChoice().mode());
            };
        }
        return new ChatCompletionRequest(req.model(), List.copyOf(messages), completionTokens ? null : req.maxTokens(),
                completionTokens ? req.maxTokens() : null, req.temperature(), req.topP(), req.stopSequences().isEmpty() ? null : req.stopSequences(),
                tools, choice, tools == null ? null : req.parallelToolCalls(), responseFormat(req),
                req.stream() ? Boolean.TRUE : null, req.stream() && asksForStreamUsage() ? new ChatCompletionRequest.StreamOptions(true) : null);
    }

    private Message message(ChatMessage m) throws LlmException {
        String content = m.content() == null ? "" : m.content();
        return switch (m.role()) {
            case "system", "user" -> new Message(m.role(), content, null, null);
            case "assistant" -> {
                if (m.toolCalls().isEmpty()) yield new Message("assistant", content, null, null);
                var calls = new ArrayList<ChatCompletionRequest.ToolCall>();
                for (ToolCall c : m.toolCalls()) {
                    JsonNode a = c.arguments();
                    calls.add(new ChatCompletionRequest.ToolCall(c.id(), "function",
                            new ChatCompletionRequest.FunctionCall(c.name(), a == null ? "{}" : a.isString() ? a.asString() : Json.write(a))));
                }
                yield new Message("assistant", content.isEmpty() ? null : content, List.copyOf(calls), null);
            }
            case "tool" -> new Message("tool", content, null, m.toolCallId());
            default -> throw WireJson.invalid(provider(), "unknown message role '" + m.role() + "'");
        };
    }

    private ChatCompletionRequest.ResponseFormat responseFormat(ChatRequest req) throws LlmException {
        if (req.responseFormat() == null) return null;
        return switch (req.responseFormat()) {
            case "json_object" -> new ChatCompletionRequest.ResponseFormat("json_object", null);
            case "json_schema" -> {
                JsonNode js = req.jsonSchema();
                if (js == null || !js.path("name").isString()) {
                    throw WireJson.invalid(provider(), "responseFormat json_schema needs jsonSchema with a name and a schema");
                }
                yield new ChatCompletionRequest.ResponseFormat("json_schema", new ChatCompletionRequest.JsonSchema(js.get("name").asString(),
                        js.path("description").isString() ? js.get("description").asString() : null,
                        js.path("schema").isObject() ? js.get("schema") : Json.object(), js.path("strict").asBoolean(true)));
            }
            default -> null; // text is the default and is not sent
        };
    }

    @Override
    public StreamMapper streamMapper() {
        return new OpenAiStreamMapper(this);
    }

    @Override
    public void parseResponse(String body, Consumer<StreamChunk> out) throws LlmException {
        ChatCompletion c = WireJson.read(RESPONSE, body);
        if (c.choices() == null || c.choices().isEmpty()) {
            throw new LlmException(new LlmError.ServerError(provider(), 200, provider() + " answered without choices", null));
        }
        ChatCompletion.Choice choice = c.choices().getFirst();
        out.accept(new StreamChunk.Started(c.id(), c.model()));
        ChatCompletion.Message msg = choice.message();
        if (msg != null) {
            if (msg.content() != null) out.accept(new StreamChunk.TextDelta(msg.content()));
            if (msg.refusal() != null) out.accept(new StreamChunk.RefusalDelta(msg.refusal()));
            int i = 0;
            for (ChatCompletion.ToolCall call : msg.toolCalls() == null ? List.<ChatCompletion.ToolCall>of() : msg.toolCalls()) {
                var f = call.function();
                out.accept(new StreamChunk.ToolCallDelta(i++, call.id(), f == null ? null : f.name(),
                        f == null || f.arguments() == null ? "" : f.arguments()));
            }
        }
        ChatCompletion.Usage usage = usage(c.usage(), c.xGroq());
        if (usage != null) out.accept(usage(usage));
        out.accept(new StreamChunk.Finish(choice.finishReason(), finish(choice.finishReason())));
    }

    /** Top-level usage, else Groq's {@code x_groq.usage}. */
    static ChatCompletion.Usage usage(ChatCompletion.Usage top, ChatCompletionChunk.XGroq groq) {
        return top != null ? top : groq == null ? null : groq.usage();
    }

    static StreamChunk.UsageReport usage(ChatCompletion.Usage u) {
        return new StreamChunk.UsageReport(u.promptTokens(), u.completionTokens(),
                u.promptTokensDetails() == null ? null : u.promptTokensDetails().cachedTokens());
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
    public final LlmError error(int status, String body, Long retryAfterMs) {
        OpenAiErrors.ApiError e = OpenAiErrors.read(body);
        if (e == null) return HttpErrors.byStatus(provider(), status, HttpErrors.text(provider(), status, WireJson.clip(body)), retryAfterMs);
        return error(status, e, retryAfterMs);
    }

    /** Maps one error object, from an HTTP body ({@code status} ≥ 400) or a stream chunk ({@code status} 200). */
    protected LlmError error(int status, OpenAiErrors.ApiError e, Long retryAfterMs) {
        return OpenAiErrors.map(provider(), status, e, retryAfterMs);
    }
}
