package dev.catalyst.llm.nodes.completion;

import dev.catalyst.llm.ChatMessage;
import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.ToolCall;
import dev.catalyst.llm.ToolChoice;
import dev.catalyst.llm.ToolSpec;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads a completion node's inputs and config into a {@link ChatRequest}; bad input is an invalid_request naming the field. */
final class CompletionRequests {
    private CompletionRequests() {}

    static List<ChatMessage> messages(JsonNode messages, JsonNode prompt) throws NodeException {
        var out = new ArrayList<ChatMessage>();
        if (messages != null && !messages.isNull() && !messages.isMissingNode()) {
            if (!messages.isArray()) throw bad("input 'messages' must be a list of {role, content}");
            for (int i = 0; i < messages.size(); i++) out.add(message(i, messages.get(i)));
        }
        if (prompt != null && !prompt.isNull() && !prompt.isMissingNode()) {
            if (!prompt.isString() && !prompt.isNumber()) throw bad("input 'prompt' must be text");
            out.add(ChatMessage.of("user", prompt.asString()));
        }
        if (out.stream().noneMatch(m -> !m.role().equals("system"))) {
            throw bad("needs a 'messages' or 'prompt' input with at least one user message");
        }
        return out;
    }

    private static ChatMessage message(int i, JsonNode m) throws NodeException {
        String at = "messages[" + i + "]";
        if (!m.isObject()) throw bad(at + " must be an object {role, content}");
        String role = m.path("role").asString("");
        if (!role.matches("system|user|assistant|tool")) {
            throw bad(at + ".role must be system, user, assistant or tool (got '" + role + "')");
        }
        JsonNode c = m.path("content");
        String content;
        if (c.isString()) content = c.asString();
        else if (c.isNull() || c.isMissingNode()) content = null;
        else if (c.isArray()) {
            var sb = new StringBuilder();
            for (JsonNode part : c) sb.append(part.isString() ? part.asString() : part.path("text").asString(""));
            content = sb.toString();
        } else throw bad(at + ".content must be text");
        var calls = new ArrayList<ToolCall>();
        for (JsonNode tc : m.path("toolCalls")) {
            calls.add(new ToolCall(tc.path("id").asString(null), tc.path("name").asString(null), tc.path("arguments")));
        }
        String toolCallId = m.path("toolCallId").asString(null);
        if (role.equals("tool") && toolCallId == null) throw bad(at + " has role tool but no toolCallId");
        if (content == null && calls.isEmpty()) throw bad(at + ".content is missing");
        return new ChatMessage(role, content, calls, toolCallId);
    }

    static List<ToolSpec> tools(List<Tool> tools) {
        var out = new ArrayList<ToolSpec>();
        if (tools == null) return out;
        for (Tool t : tools) {
            out.add(new ToolSpec(t.name(), t.description(), t.parameters() == null ? MissingNode.getInstance() : t.parameters()));
        }
        return out;
    }

    static ToolChoice toolChoice(JsonNode c) {
        if (c == null || c.isNull() || c.isMissingNode()) return null;
        if (c.isString()) return ToolChoice.of(c.asString());
        return ToolChoice.tool(c.path("name").asString());
    }

    /** The JSON Schema of a json_schema response as the codecs read it: only the fields the node set. */
    static ObjectNode jsonSchema(JsonSchemaFormat f) {
        if (f == null) return null;
        ObjectNode o = Json.object();
        if (f.name() != null) o.put("name", f.name());
        if (f.description() != null) o.put("description", f.description());
        if (f.schema() != null) o.set("schema", f.schema());
        if (f.strict() != null) o.put("strict", f.strict());
        return o;
    }

    /** Provider fields passed through under their wire names: sampling extras and Groq's own options. */
    static ObjectNode extra(Long seed, Double presencePenalty, Double frequencyPenalty, String reasoningEffort, String serviceTier) {
        ObjectNode e = Json.object();
        if (seed != null) e.put("seed", seed);
        if (presencePenalty != null) e.put("presence_penalty", presencePenalty);
        if (frequencyPenalty != null) e.put("frequency_penalty", frequencyPenalty);
        if (reasoningEffort != null) e.put("reasoning_effort", reasoningEffort);
        if (serviceTier != null) e.put("service_tier", serviceTier);
        return e.isEmpty() ? null : e;
    }

    /** The engine names the node in front of every node error, so the message does not. */
    static NodeException bad(String message) {
        return new NodeException(ErrorCode.INVALID_REQUEST, message);
    }
}
