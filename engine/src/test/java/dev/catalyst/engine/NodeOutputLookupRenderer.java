package dev.catalyst.engine;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.core.template.TemplateScope;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * TEST DOUBLE for the template engine (which lives in core and lands separately): it understands
 * only a whole-template {@code {{ nodes.<id>.output.<port> }}} or {@code {{ inputs.<name> }}} lookup,
 * enough to check that the engine hands outputs and inputs to the renderer.
 */
public final class NodeOutputLookupRenderer implements TemplateRenderer {
    private static final Pattern LOOKUP = Pattern.compile("\\{\\{\\s*(?:nodes\\.([\\w-]+)\\.output\\.(\\w+)|inputs\\.(\\w+))\\s*}}");

    @Override
    public String render(String template, TemplateScope scope) throws NodeException {
        JsonNode v = evaluate(template, scope);
        return v.isString() ? v.stringValue() : v.toString();
    }

    @Override
    public JsonNode evaluate(String template, TemplateScope scope) throws NodeException {
        Matcher m = LOOKUP.matcher(template.strip());
        if (!m.matches()) throw new NodeException(ErrorCode.EXPRESSION_ERROR, "test renderer cannot read: " + template);
        JsonNode v = m.group(3) != null ? scope.inputs().get(m.group(3))
                : scope.nodeOutputs().getOrDefault(m.group(1), JsonNodeFactory.instance.missingNode()).get(m.group(2));
        if (v == null) throw new NodeException(ErrorCode.EXPRESSION_ERROR, "no value for " + template);
        return v;
    }
}
