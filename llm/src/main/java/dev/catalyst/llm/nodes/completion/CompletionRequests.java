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

    static List<ToolSpec> tools(JsonNode tools) {
        var out = new ArrayList<ToolSpec>();
        for (JsonNode t : tools) out.add(new ToolSpec(t.path("name").asString(), t.path("description").asString(null), t.path("parameters")));
        return out;
    }

    static ToolChoice toolChoice(JsonNode c) {
        if (c == null || c.isNull() || c.isMissingNode()) return null;
        if (c.isString()) return ToolChoice.of(c.asString());
        return ToolChoice.tool(c.path("name").asString());
    }

    /** Provider fields passed through: sampling extras and Groq's own options. */
    static ObjectNode extra(ObjectNode config) {
        ObjectNode e = Json.object();
        copy(config, "seed", e, "seed");
        copy(config, "presencePenalty", e, "presence_penalty");
        copy(config, "frequencyPenalty", e, "frequency_penalty");
        copy(config, "reasoningEffort", e, "reasoning_effort");
        copy(config, "serviceTier", e, "service_tier");
        return e.isEmpty() ? null : e;
    }

    private static void copy(ObjectNode from, String key, ObjectNode to, String wire) {
        if (from.hasNonNull(key)) to.set(wire, from.get(key));
    }

    static Integer integer(ObjectNode c, String key) {
        return c.hasNonNull(key) ? c.get(key).asInt() : null;
    }

    static Double number(ObjectNode c, String key) {
        return c.hasNonNull(key) ? c.get(key).asDouble() : null;
    }

    static List<String> strings(JsonNode n) {
        var out = new ArrayList<String>();
        if (n != null) n.forEach(s -> out.add(s.asString()));
        return out;
    }

    /** The engine names the node in front of every node error, so the message does not. */
    static NodeException bad(String message) {
        return new NodeException(ErrorCode.INVALID_REQUEST, message);
    }
}
