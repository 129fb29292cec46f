package dev.catalyst.llm;

import java.util.List;

/**
 * One turn of a conversation in Catalyst's neutral shape. {@code role} is system, user, assistant
 * or tool; an assistant turn may carry tool calls; a tool turn answers {@code toolCallId}.
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId) {
    public ChatMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, List.of(), null);
    }
}
