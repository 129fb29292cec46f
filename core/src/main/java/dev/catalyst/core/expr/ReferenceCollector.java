package dev.catalyst.core.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a parsed expression and lists the names it reads from outside: identifiers not bound by a
 * comprehension, with the constant field chain that follows them ({@code nodes.claude.output.text},
 * {@code inputs["x"]}).
 */
final class ReferenceCollector {
    static final String INPUTS = "inputs";
    static final String NODES = "nodes";
    static final String INPUT = "input";

    private final String source;
    private final Map<Long, Integer> positions;
    private final List<Reference> found = new ArrayList<>();

    private ReferenceCollector(CelAbstractSyntaxTree ast, String source) {
        this.source = source;
        this.positions = ast.getSource().getPositionsMap();
    }

    static List<Reference> collect(CelAbstractSyntaxTree ast, String source) {
        var c = new ReferenceCollector(ast, source);
        c.visit(ast.getExpr(), Set.of());
        return List.copyOf(c.found);
    }

    /** Bare names among the references, in order of first appearance. */
    static Set<String> variableNames(List<Reference> refs) {
        var names = new LinkedHashSet<String>();
        for (Reference r : refs) if (r instanceof Reference.Variable v) names.add(v.name());
        return names;
    }

    private void visit(CelExpr e, Set<String> bound) {
        switch (e.getKind()) {
            case IDENT -> {
                String name = e.ident().name();
                if (!bound.contains(name)) root(name, List.of(), offset(e));
            }
            case SELECT -> chain(e, bound);
            case CALL -> {
                var call = e.call();
                if (isIndex(e)) {
                    chain(e, bound);
                    return;
                }
                call.target().ifPresent(t -> visit(t, bound));
                for (CelExpr arg : call.args()) visit(arg, bound);
            }
            case LIST -> e.list().elements().forEach(x -> visit(x, bound));
            case MAP -> e.map().entries().forEach(entry -> {
                visit(entry.key(), bound);
                visit(entry.value(), bound);
            });
            case STRUCT -> e.struct().entries().forEach(entry -> visit(entry.value(), bound));
            case COMPREHENSION -> {
                var c = e.comprehension();
                visit(c.iterRange(), bound);
                visit(c.accuInit(), bound);
                Set<String> inner = new HashSet<>(bound);
                inner.add(c.iterVar());
                if (!c.iterVar2().isEmpty()) inner.add(c.iterVar2());
                inner.add(c.accuVar());
                visit(c.loopCondition(), inner);
                visit(c.loopStep(), inner);
                Set<String> result = new HashSet<>(bound);
                result.add(c.accuVar());
                visit(c.result(), result);
            }
            case CONSTANT, NOT_SET -> { }
        }
    }

    // a.b["c"].d: collect the constant segments back to the root identifier.
    private void chain(CelExpr e, Set<String> bound) {
        var segments = new ArrayList<String>();
        CelExpr cur = e;
        while (true) {
            if (cur.getKind() == CelExpr.ExprKind.Kind.SELECT) {
                segments.addFirst(cur.select().field());
                cur = cur.select().operand();
            } else if (isIndex(cur)) {
                CelExpr key = cur.call().args().get(1);
                if (key.getKind() == CelExpr.ExprKind.Kind.CONSTANT && key.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                    segments.addFirst(key.constant().stringValue());
                } else {
                    visit(key, bound);
                    segments.clear(); // what follows a computed key is not a fixed path
                }
                cur = cur.call().args().get(0);
            } else {
                break;
            }
        }
        if (cur.getKind() == CelExpr.ExprKind.Kind.IDENT && !bound.contains(cur.ident().name())) {
            root(cur.ident().name(), segments, offset(cur));
        } else {
            visit(cur, bound);
        }
    }

    private void root(String name, List<String> segments, int offset) {
        switch (name) {
            case INPUTS -> {
                if (!segments.isEmpty()) found.add(new Reference.WorkflowInput(segments.get(0), offset));
            }
            case NODES -> {
                if (!segments.isEmpty()) {
                    found.add(new Reference.NodeOutput(segments.get(0), segments.size() > 1 ? segments.get(1) : null,
                            segments.size() > 2 ? segments.get(2) : null, offset));
                }
            }
            case INPUT -> found.add(new Reference.NodeInput(offset));
            default -> found.add(new Reference.Variable(name, offset));
        }
    }

    /**
     * The names of a plain path ({@code topic}, {@code user.name}, {@code nodes.a.output.text}):
     * an identifier followed by field selections only; null for anything else.
     */
    static List<String> simplePath(CelExpr e) {
        var names = new ArrayList<String>();
        CelExpr cur = e;
        while (cur.getKind() == CelExpr.ExprKind.Kind.SELECT && !cur.select().testOnly()) {
            names.addFirst(cur.select().field());
            cur = cur.select().operand();
        }
        if (cur.getKind() != CelExpr.ExprKind.Kind.IDENT) return null;
        names.addFirst(cur.ident().name());
        return List.copyOf(names);
    }

    private static boolean isIndex(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals("_[_]")
                && e.call().target().isEmpty() && e.call().args().size() == 2;
    }

    // CEL positions count code points; callers index the source as UTF-16.
    private int offset(CelExpr e) {
        Integer cp = positions.get(e.id());
        if (cp == null) return 0;
        int codePoints = source.codePointCount(0, source.length());
        return source.offsetByCodePoints(0, Math.min(cp, codePoints));
    }
}
