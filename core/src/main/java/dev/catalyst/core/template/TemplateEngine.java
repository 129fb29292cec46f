package dev.catalyst.core.template;

import dev.cel.common.values.NullValue;
import dev.catalyst.core.exec.CpuPool;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.expr.ExpressionException;
import dev.catalyst.core.expr.ExpressionScope;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.expr.SourcePosition;
import dev.catalyst.core.expr.Values;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Renders {@code {{ <CEL> }}} templates (syntax in docs/expressions.md). Values are data: a
 * substituted string is appended as it is and never parsed again, so a value holding
 * {@code {{ nodes }}} stays that text. Strict mode (the default) makes a missing or null value an
 * error; lenient mode renders it empty. Parsed templates are cached by source, per instance: the
 * wiring makes one engine and passes it in.
 */
public final class TemplateEngine implements TemplateRenderer {
    /** The longest template source accepted, in characters. */
    public static final int MAX_TEMPLATE_LENGTH = 1 << 20;
    /** The longest rendered text, in characters. */
    public static final int MAX_OUTPUT_LENGTH = 16 << 20;
    /** The longest template rendered on the caller's thread when its holes are plain lookups. */
    public static final int MAX_IN_PLACE_LENGTH = 64 << 10;
    private static final int CACHE_SIZE = 2048;
    private static final JsonNodeFactory TEXT = JsonNodeFactory.instance;

    private final ExpressionService expressions;
    private final TemplateParser parser;
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    public TemplateEngine(ExpressionService expressions) {
        this.expressions = expressions;
        this.parser = new TemplateParser(expressions);
    }

    public ExpressionService expressions() {
        return expressions;
    }

    /** Parses a template and compiles its holes; errors carry line:column in the template. */
    public Template compile(String source) throws ExpressionException {
        Template cached = cache.get(source);
        if (cached != null) return cached;
        if (source.length() > MAX_TEMPLATE_LENGTH) {
            throw new ExpressionException(ExpressionException.Kind.LIMIT,
                    "template is " + source.length() + " characters long; the limit is " + MAX_TEMPLATE_LENGTH, null, null);
        }
        Template t = parser.parse(source);
        if (cache.size() >= CACHE_SIZE) cache.clear();
        cache.put(source, t);
        return t;
    }

    /** The bare variables a template reads, in order of first appearance (for the canvas). */
    public Set<String> referencedVariables(String template) throws ExpressionException {
        return compile(template).variables();
    }

    /** Renders a compiled template to text. */
    public String render(Template template, ExpressionScope scope, boolean strict) throws ExpressionException {
        var out = new StringBuilder(template.source().length() + 64);
        for (Template.Part part : template.parts()) {
            switch (part) {
                case Template.Text t -> out.append(t.text());
                case Template.Hole h -> out.append(holeText(template, h, scope, strict));
            }
            if (out.length() > MAX_OUTPUT_LENGTH) {
                throw new ExpressionException(ExpressionException.Kind.LIMIT,
                        "rendered text is longer than the limit of " + MAX_OUTPUT_LENGTH + " characters", null, null);
            }
        }
        return out.toString();
    }

    /** The template as a value: exactly one hole gives its value (a list stays a list), else the text. */
    public JsonNode evaluate(Template template, ExpressionScope scope, boolean strict) throws ExpressionException {
        Template.Hole hole = template.singleHole();
        if (hole == null) return TEXT.stringNode(render(template, scope, strict));
        Object value = value(template, hole, scope, strict);
        return value == null ? TEXT.stringNode("") : Values.toJson(value);
    }

    private String holeText(Template template, Template.Hole h, ExpressionScope scope, boolean strict) throws ExpressionException {
        Object value = value(template, h, scope, strict);
        return value == null ? "" : Values.toText(value);
    }

    // The hole's value; null when lenient mode turns a missing or null value into nothing.
    private Object value(Template template, Template.Hole h, ExpressionScope scope, boolean strict) throws ExpressionException {
        Object value;
        try {
            value = expressions.evaluate(h.expression(), scope);
        } catch (ExpressionException e) {
            if (!strict && e.kind() == ExpressionException.Kind.MISSING_VALUE) return null;
            throw e.relocate(template.source(), h.offset());
        }
        if (value instanceof NullValue) {
            if (!strict) return null;
            var p = SourcePosition.locate(template.source(), h.offset());
            throw new ExpressionException(ExpressionException.Kind.NULL_VALUE,
                    "{{ " + h.expression().source() + " }} is null (set strict: false to render it empty)", p, p.snippet(template.source()));
        }
        return value;
    }

    /**
     * Whether rendering {@code source} is cheap enough for the caller's (virtual) thread, so that
     * it need not wait for the CPU pool (ADR 24): already compiled (compiling parses CEL), at most
     * {@link #MAX_IN_PLACE_LENGTH} long, and every hole a plain lookup. Such a render copies its
     * text and the values it names; it evaluates no CEL. A lookup that misses still evaluates, and
     * so reports, on the pool.
     */
    public boolean rendersInPlace(String source) {
        if (source == null || source.length() > MAX_IN_PLACE_LENGTH) return false;
        Template cached = cache.get(source);
        return cached != null && cached.plainLookups();
    }

    /** Runs {@code task} here when every template is {@link #rendersInPlace cheap}, else on the CPU pool (ADR 8). */
    public <T, E extends Exception> T inPlaceOrPooled(Collection<String> sources, CpuPool.Task<T, E> task)
            throws E {
        for (String source : sources) {
            if (!rendersInPlace(source)) return expressions.cpu().call(task);
        }
        return task.run();
    }

    /** Renders as the engine's renderer: here when the template is a plain one, else on the CPU pool. */
    @Override
    public String render(String template, TemplateScope scope) throws NodeException {
        try {
            return inPlaceOrPooled(Collections.singletonList(template), () -> render(compile(template), toExpressionScope(scope), true));
        } catch (ExpressionException e) {
            throw nodeError(e);
        }
    }

    @Override
    public JsonNode evaluate(String template, TemplateScope scope) throws NodeException {
        try {
            return inPlaceOrPooled(Collections.singletonList(template), () -> evaluate(compile(template), toExpressionScope(scope), true));
        } catch (ExpressionException e) {
            throw nodeError(e);
        }
    }

    static ExpressionScope toExpressionScope(TemplateScope scope) {
        return new ExpressionScope(scope.inputs(), scope.nodeOutputs(), scope.variables(), null);
    }

    /** An expression problem as a node failure ({@code expression_error}), message and snippet included. */
    public static NodeException nodeError(ExpressionException e) {
        return new NodeException(ErrorCode.EXPRESSION_ERROR, e.describe(), null, null, e);
    }
}
