package dev.catalyst.core.nodes.prompttemplate;

import java.util.List;

/**
 * A promptTemplate node's config (its schema is {@code promptTemplate.json}).
 *
 * @param messages chat messages whose contents are templates; or
 * @param template a single user message
 * @param strict   a missing or null variable is an error (true) or renders empty
 */
public record PromptTemplateConfig(List<Message> messages, String template, Boolean strict) {
    /** One message: system, user or assistant, and its template. */
    public record Message(String role, String content) {}
}
