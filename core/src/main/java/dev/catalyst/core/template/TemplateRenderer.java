package dev.catalyst.core.template;

import dev.catalyst.core.exec.NodeException;
import tools.jackson.databind.JsonNode;

/**
 * Renders text with {@code {{ <CEL> }}} holes. The engine uses it for workflow outputs and
 * template-valued config (a completion's {@code system}, an embedding node's {@code texts});
 * failures are {@link NodeException}s with code {@code expression_error}.
 */
public interface TemplateRenderer {
    /** The template as text: strings inserted as they are, numbers and booleans plainly, lists and maps as JSON. */
    String render(String template, TemplateScope scope) throws NodeException;

    /**
     * The template as a value: a template that is exactly one hole ({@code "{{ inputs.texts }}"})
     * gives the value itself (a list stays a list); anything else gives the rendered text.
     */
    JsonNode evaluate(String template, TemplateScope scope) throws NodeException;
}
