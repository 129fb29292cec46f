package dev.catalyst.core.template;

import dev.catalyst.core.expr.CompiledExpression;
import dev.catalyst.core.expr.Reference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed template: literal text and {@code {{ }}} holes, each hole's expression compiled.
 * Immutable and shareable; rendering reads it and nothing else.
 */
public record Template(String source, List<Part> parts) {
    /** One piece of a template. */
    public sealed interface Part {}

    /** Text copied to the output as it is (an escaped {@code \{{} already turned into {@code {{}). */
    public record Text(String text) implements Part {}

    /** A hole; {@code offset} is where its expression starts in the template's source. */
    public record Hole(CompiledExpression expression, int offset) implements Part {}

    public Template {
        parts = List.copyOf(parts);
    }

    /** Bare variable names the holes read, in order of first appearance. */
    public Set<String> variables() {
        var names = new LinkedHashSet<String>();
        for (Part p : parts) if (p instanceof Hole h) names.addAll(h.expression().variables());
        return names;
    }

    /** Every reference of every hole, with offsets into the template's source. */
    public List<Reference> references() {
        var refs = new ArrayList<Reference>();
        for (Part p : parts) {
            if (!(p instanceof Hole h)) continue;
            for (Reference r : h.expression().references()) refs.add(shift(r, h.offset()));
        }
        return refs;
    }

    /** True when every hole is a plain path ({@code topic}, {@code nodes.a.output.text}): no CEL call or operator. */
    public boolean plainLookups() {
        for (Part p : parts) {
            if (p instanceof Hole h && !h.expression().isPlainPath()) return false;
        }
        return true;
    }

    /** The single hole when the template is exactly one hole (surrounding blanks allowed), else null. */
    public Hole singleHole() {
        Hole hole = null;
        for (Part p : parts) {
            switch (p) {
                case Text t -> {
                    if (!t.text().isBlank()) return null;
                }
                case Hole h -> {
                    if (hole != null) return null;
                    hole = h;
                }
            }
        }
        return hole;
    }

    private static Reference shift(Reference r, int by) {
        return switch (r) {
            case Reference.Variable v -> new Reference.Variable(v.name(), v.offset() + by);
            case Reference.WorkflowInput w -> new Reference.WorkflowInput(w.name(), w.offset() + by);
            case Reference.NodeOutput n -> new Reference.NodeOutput(n.nodeId(), n.segment(), n.port(), n.offset() + by);
            case Reference.NodeInput i -> new Reference.NodeInput(i.offset() + by);
        };
    }
}
