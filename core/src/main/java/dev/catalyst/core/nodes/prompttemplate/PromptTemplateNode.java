package dev.catalyst.core.nodes.prompttemplate;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.expr.ExpressionException;
import dev.catalyst.core.expr.ExpressionScope;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.template.TemplateEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code promptTemplate} node: renders {@code config.messages} (or {@code config.template}
 * as one user message) and outputs {@code messages} ([{role, content}]) and {@code text} (the
 * contents joined by blank lines). Bare variables are the workflow inputs overridden by the
 * object on the {@code variables} input; {@code nodes.<id>.output.<port>} reads earlier nodes.
 */
public final class PromptTemplateNode implements NodeExecutor {
    private final TemplateEngine templates;

    public PromptTemplateNode(TemplateEngine templates) {
        this.templates = templates;
    }

    /** The rendered prompt, as the node outputs it. */
    public record Rendered(ArrayNode messages, String text) {
        public ObjectNode toOutput() {
            ObjectNode out = Json.object();
            out.set("messages", messages);
            out.put("text", text);
            return out;
        }
    }

    @Override
    public NodeOutput execute(NodeCall call) throws NodeException {
        call.context().cancellation().throwIfCancelled();
        var variables = variables(call.context().workflowInputs(), call.input("variables"));
        var scope = new ExpressionScope(call.context().workflowInputs(), call.context().nodeOutputs(), variables, null);
        var config = PromptTemplateConfig.read(call.config());
        var messages = config.prompt();
        boolean strict = config.isStrict();
        // CEL in a hole can be CPU-bound: it runs on the CPU pool while this virtual thread waits unmounted (ADR 8);
        // a template of plain lookups only copies text, here (ADR 24)
        var rendered = templates.inPlaceOrPooled(messages.stream().map(PromptTemplateConfig.Message::content).toList(),
                () -> render(messages, scope, strict));
        call.context().cancellation().throwIfCancelled();
        return NodeOutput.of(rendered.toOutput());
    }

    /** Renders message templates in a scope; a failing template names its message. */
    public Rendered render(List<PromptTemplateConfig.Message> messages, ExpressionScope scope, boolean strict) throws NodeException {
        ArrayNode out = Json.array();
        var text = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            PromptTemplateConfig.Message m = messages.get(i);
            String content;
            try {
                content = templates.render(templates.compile(m.content()), scope, strict);
            } catch (ExpressionException e) {
                throw new NodeException(ErrorCode.EXPRESSION_ERROR, "message " + (i + 1) + " (" + m.role() + "): " + e.describe(), null, null, e);
            }
            ObjectNode msg = out.addObject();
            msg.put("role", m.role());
            msg.put("content", content);
            if (m.toolCalls() != null && !m.toolCalls().isEmpty()) msg.set("toolCalls", Json.valueToTree(m.toolCalls()));
            if (m.toolCallId() != null) msg.put("toolCallId", m.toolCallId());
            if (i > 0) text.append("\n\n");
            text.append(content);
        }
        return new Rendered(out, text.toString());
    }

    /** Workflow inputs overridden by the {@code variables} input, which must be an object when present. */
    public static Map<String, JsonNode> variables(Map<String, JsonNode> workflowInputs, JsonNode override) throws NodeException {
        if (override == null || override.isNull()) return workflowInputs;
        if (!override.isObject()) {
            throw new NodeException(ErrorCode.INVALID_REQUEST, "the variables input must be an object of name → value, not " + override.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        var merged = new LinkedHashMap<>(workflowInputs);
        for (var e : override.properties()) merged.put(e.getKey(), e.getValue());
        return merged;
    }
}
