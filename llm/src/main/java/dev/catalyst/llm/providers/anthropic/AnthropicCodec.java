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
import dev.catalyst.llm.providers.anthropic.MessagesRequest.Block;
import dev.catalyst.llm.providers.http.ProviderCodec;
import dev.catalyst.llm.providers.http.StreamMapper;
import dev.catalyst.llm.providers.http.WireJson;
import dev.catalyst.llm.providers.http.WireRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic Messages: request body and headers, answer and error mapping. */
public final class AnthropicCodec implements ProviderCodec {
    public static final String VERSION = "2023-06-01";
    static final String PROVIDER = "anthropic";
    private static final ObjectReader RESPONSE = WireJson.reader(MessagesResponse.class);

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public WireRequest request(URI baseUrl, ChatRequest req, Secret key) throws LlmException {
        if (key == null) throw new LlmException(new LlmError.Auth(PROVIDER, 0, "anthropic: no API key configured"));
        return WireJson.post(WireJson.append(baseUrl, "/v1/messages"), body(req), req.stream())
                .header("x-api-key", key.reveal())
                .header("anthropic-version", VERSION);
    }

    /** The request body, with {@code extra} laid over it; system messages in the conversation join the top-level system prompt. */
    public static ObjectNode body(ChatRequest req) throws LlmException {
        ObjectNode b = WireJson.tree(wire(req));
        if (req.extra() != null) req.extra().properties().forEach(e -> b.set(e.getKey(), e.getValue()));
        return b;
    }

    static MessagesRequest wire(ChatRequest req) throws LlmException {
        if (req.messages().isEmpty()) throw WireJson.invalid(PROVIDER, "a request needs at least one message");
        var system = new StringBuilder(req.system() == null ? "" : req.system());
        var messages = new ArrayList<MessagesRequest.Message>();
        List<Block> pendingResults = null;
        for (ChatMessage m : req.messages()) {
            String content = m.content() == null ? "" : m.content();
            switch (m.role()) {
                case "system" -> system.append(system.isEmpty() ? "" : "\n\n").append(m.content());
                case "tool" -> {
                    // consecutive tool results go back together in one user turn
                    if (pendingResults == null) {
                        pendingResults = new ArrayList<>();
                        messages.add(null);
                    }
                    pendingResults.add(new MessagesRequest.ToolResultBlock(m.toolCallId(), content));
                    messages.set(messages.size() - 1, new MessagesRequest.Message("user", new MessagesRequest.Blocks(List.copyOf(pendingResults))));
                }
                case "user", "assistant" -> {
                    pendingResults = null;
                    messages.add(new MessagesRequest.Message(m.role(), m.toolCalls().isEmpty() ? new MessagesRequest.Text(content) : toolUse(m)));
                }
                default -> throw WireJson.invalid(PROVIDER, "unknown message role '" + m.role() + "'");
            }
        }
        var tools = req.tools().isEmpty() ? null : req.tools().stream()
                .map(t -> new MessagesRequest.Tool(t.name(), t.description(), t.parameters() == null ? Json.object().put("type", "object") : t.parameters()))
                .toList();
        return new MessagesRequest(req.model(), req.maxTokens() == null ? 1024 : req.maxTokens(), system.isEmpty() ? null : system.toString(),
                List.copyOf(messages), req.temperature(), req.topP(), req.topK(), req.stopSequences().isEmpty() ? null : req.stopSequences(),
                req.stream() ? Boolean.TRUE : null, tools, tools == null ? null : toolChoice(req));
    }

    private static MessagesRequest.Blocks toolUse(ChatMessage m) {
        var blocks = new ArrayList<Block>();
        if (m.content() != null && !m.content().isEmpty()) blocks.add(new MessagesRequest.TextBlock(m.content()));
        for (ToolCall c : m.toolCalls()) {
            blocks.add(new MessagesRequest.ToolUseBlock(c.id(), c.name(), c.arguments() == null || !c.arguments().isObject() ? Json.object() : c.arguments()));
        }
        return new MessagesRequest.Blocks(List.copyOf(blocks));
    }

    private static MessagesRequest.ToolChoice toolChoice(ChatRequest req) {
        String type = null;
        String name = null;
        if (req.toolChoice() != null) {
            type = switch (req.toolChoice().mode()) {
                case "required", "any" -> "any";
                case "none" -> "none";
                case "tool" -> "tool";
                default -> "auto";
            };
            if (type.equals("tool")) name = req.toolChoice().name();
        }
        boolean oneAtATime = Boolean.FALSE.equals(req.parallelToolCalls());
        if (oneAtATime && type == null) type = "auto";
        if (type == null) return null;
        return new MessagesRequest.ToolChoice(type, name, oneAtATime && !type.equals("none") ? Boolean.TRUE : null);
    }

    @Override
    public StreamMapper streamMapper() {
        return new AnthropicStreamMapper();
    }

    @Override
    public void parseResponse(String body, Consumer<StreamChunk> out) throws LlmException {
        MessagesResponse m = WireJson.read(RESPONSE, body);
        if (!"message".equals(m.type())) {
            throw new LlmException(new LlmError.ServerError(PROVIDER, 200, "anthropic answered with something that is not a message", null));
        }
        out.accept(new StreamChunk.Started(m.id(), m.model()));
        int tool = 0;
        for (MessagesResponse.ContentBlock block : m.content() == null ? List.<MessagesResponse.ContentBlock>of() : m.content()) {
            switch (block.type() == null ? "" : block.type()) {
                case "text" -> out.accept(new StreamChunk.TextDelta(block.text() == null ? "" : block.text()));
                case "tool_use" -> out.accept(new StreamChunk.ToolCallDelta(tool++, block.id(), block.name(),
                        block.input() == null ? "{}" : Json.write(block.input())));
                default -> { } // thinking and server-tool blocks are not part of the text
            }
        }
        out.accept(usage(m.usage()));
        out.accept(new StreamChunk.Finish(m.stopReason(), finish(m.stopReason())));
    }

    /** Anthropic's input_tokens excludes cache reads and writes; the contract's input includes them. */
    static StreamChunk.UsageReport usage(MessagesResponse.Usage u) {
        if (u == null) return new StreamChunk.UsageReport(null, null, null);
        Long in = u.inputTokens();
        Long read = u.cacheReadInputTokens();
        Long write = u.cacheCreationInputTokens();
        Long input = in == null ? null : in + (read == null ? 0 : read) + (write == null ? 0 : write);
        return new StreamChunk.UsageReport(input, u.outputTokens(), read);
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
        return AnthropicErrors.http(status, body, retryAfterMs);
    }
}
