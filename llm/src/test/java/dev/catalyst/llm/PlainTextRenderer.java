package dev.catalyst.llm;

import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.core.template.TemplateScope;
import tools.jackson.databind.JsonNode;

/** For tests whose templates have no holes: returns the text as it is and refuses anything with {{. */
public final class PlainTextRenderer implements TemplateRenderer {
    @Override
    public String render(String template, TemplateScope scope) {
        if (template.contains("{{")) throw new IllegalStateException("PlainTextRenderer cannot render holes: " + template);
        return template;
    }

    @Override
    public JsonNode evaluate(String template, TemplateScope scope) throws NodeException {
        return Json.valueToTree(render(template, scope));
    }
}
