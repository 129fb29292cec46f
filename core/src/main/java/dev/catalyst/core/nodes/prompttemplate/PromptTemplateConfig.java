package dev.catalyst.core.nodes.prompttemplate;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.json.Json;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A promptTemplate node's config (its schema is {@code promptTemplate.json}).
 *
 * @param messages chat messages whose contents are templates; or
 * @param template a single user message
 * @param strict   a missing or null variable is an error (true, the default) or renders empty
 */
public record PromptTemplateConfig(List<Message> messages, String template, Boolean strict) {
    /**
     * One message: system, user, assistant or tool, and its template. An assistant message may carry
     * the tool calls it made and a tool message the id of the call it answers, so a conversation
     * with tool results can be rebuilt; both are data, never rendered.
     */
    public record Message(String role, String content, List<ToolCall> toolCalls, String toolCallId) {
        public Message(String role, String content) {
            this(role, content, null, null);
        }
    }

    /** A tool call an assistant message made: {@code arguments} as the model gave them. */
    public record ToolCall(String id, String name, JsonNode arguments) {}

    /** Reads a node's config; validation refuses a config that does not fit before a run, this guards direct calls. */
    public static PromptTemplateConfig read(JsonNode config) throws NodeException {
        try {
            return Json.MAPPER.treeToValue(config == null ? Json.object() : config, PromptTemplateConfig.class);
        } catch (JacksonException e) {
            throw new NodeException(ErrorCode.VALIDATION_FAILED, "promptTemplate config does not match its schema: " + e.getOriginalMessage());
        }
    }

    /** The messages to render: {@code messages}, or {@code template} as a single user message. */
    public List<Message> prompt() throws NodeException {
        if (messages != null && !messages.isEmpty()) {
            for (Message m : messages) {
                if (m == null || m.role() == null || m.content() == null) {
                    throw new NodeException(ErrorCode.VALIDATION_FAILED, "each message needs a role and a content string");
                }
                if (m.role().equals("tool") != (m.toolCallId() != null)) {
                    throw new NodeException(ErrorCode.VALIDATION_FAILED, "a tool message needs a toolCallId, and only a tool message has one");
                }
                if (m.toolCalls() != null && !m.toolCalls().isEmpty() && !m.role().equals("assistant")) {
                    throw new NodeException(ErrorCode.VALIDATION_FAILED, "only an assistant message carries toolCalls");
                }
            }
            return List.copyOf(messages);
        }
        if (template != null) return List.of(new Message("user", template));
        throw new NodeException(ErrorCode.VALIDATION_FAILED, "promptTemplate needs config.messages or config.template");
    }

    public boolean isStrict() {
        return strict == null || strict;
    }
}
