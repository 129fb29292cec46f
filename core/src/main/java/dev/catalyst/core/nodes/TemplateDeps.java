package dev.catalyst.core.nodes;

import dev.catalyst.core.template.TemplateEngine;

/** What core's node kinds need to build their executors; the wiring's dependencies provide it. */
public interface TemplateDeps {
    /** Renders templates and evaluates expressions for every node of one engine. */
    TemplateEngine templates();
}
