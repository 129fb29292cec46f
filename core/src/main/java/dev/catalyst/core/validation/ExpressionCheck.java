package dev.catalyst.core.validation;

import dev.catalyst.core.expr.CompiledExpression;
import dev.catalyst.core.expr.ExpressionException;
import dev.catalyst.core.expr.Reference;
import dev.catalyst.core.expr.SourcePosition;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.registry.Port;
import dev.catalyst.core.template.Template;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Suggest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Compiles every template and expression of a workflow: the config paths each node type marks
 * in the registry's {@code expressions} map ({@code messages[].content}, {@code system},
 * {@code rules[].when}, ...) and the workflow's {@code outputs}. Reports syntax and type errors
 * ({@code invalid_expression}) and names that cannot resolve ({@code unknown_variable}), and
 * records the bare variables each node's templates read.
 */
final class ExpressionCheck implements WorkflowCheck {
    private static final String TEMPLATE = "template";

    private final TemplateEngine templates;

    ExpressionCheck(TemplateEngine templates) {
        this.templates = templates;
    }

    /** One field to check: its issue path, its text, and whether it is a template or a bare expression. */
    private record Field(String path, String text, boolean template) {}

    @Override
    public void check(ValidationContext ctx) {
        // any edge into 'variables' (even one reported as broken) may supply names we cannot see
        Set<String> openVariableNodes = new HashSet<>();
        for (var e : ctx.workflow().edges()) {
            if ("variables".equals(e.targetPort())) openVariableNodes.add(e.target());
        }
        for (Node node : ctx.nodesById().values()) {
            NodeType type = ctx.typeOf(node);
            if (type == null || node.config() == null) continue;
            boolean openVariables = openVariableNodes.contains(node.id());
            var variables = new LinkedHashSet<String>();
            for (var e : type.expressions().entrySet()) {
                // names the kind gives this path (a router rule reads 'request'), see docs/router.md
                Set<String> given = Set.copyOf(type.expressionVariables().getOrDefault(e.getKey(), List.of()));
                for (Field f : fields(node.config(), e.getKey(), TEMPLATE.equals(e.getValue()))) {
                    var read = new LinkedHashSet<>(checkField(ctx, node.id(), f, openVariables, given));
                    read.removeAll(given);
                    variables.addAll(read);
                }
            }
            if (!variables.isEmpty()) ctx.recordVariables(node.id(), List.copyOf(variables));
        }
        for (var e : ctx.workflow().outputs().entrySet()) {
            checkField(ctx, null, new Field("outputs." + e.getKey(), e.getValue(), true), false, Set.of());
        }
    }

    // The strings at a registry path: "system", "messages[].content", "rules[].when".
    private static List<Field> fields(JsonNode config, String path, boolean template) {
        var out = new ArrayList<Field>();
        collect(config, path.split("\\."), 0, "config", template, out);
        return out;
    }

    private static void collect(JsonNode at, String[] segments, int i, String prefix, boolean template, List<Field> out) {
        if (at == null) return;
        if (i == segments.length) {
            if (at.isString()) out.add(new Field(prefix, at.stringValue(), template));
            return;
        }
        String seg = segments[i];
        boolean each = seg.endsWith("[]");
        String key = each ? seg.substring(0, seg.length() - 2) : seg;
        JsonNode next = at.get(key);
        if (next == null) return;
        if (!each) {
            collect(next, segments, i + 1, prefix + "." + key, template, out);
        } else if (next.isArray()) {
            for (int k = 0; k < next.size(); k++) collect(next.get(k), segments, i + 1, prefix + "." + key + "[" + k + "]", template, out);
        }
    }

    // Compiles one field, reports its problems, and returns the bare variables it reads.
    private Set<String> checkField(ValidationContext ctx, String nodeId, Field f, boolean openVariables, Set<String> given) {
        List<Reference> refs;
        Set<String> variables;
        try {
            if (f.template()) {
                Template t = templates.compile(f.text());
                refs = t.references();
                variables = t.variables();
            } else {
                CompiledExpression e = templates.expressions().compile(f.text());
                refs = e.references();
                variables = e.variables();
            }
        } catch (ExpressionException e) {
            ctx.add(ValidationIssue.error(nodeId, f.path(), IssueCodes.INVALID_EXPRESSION, e.describe()));
            return Set.of();
        }
        Set<String> declared = ctx.workflow().inputs().keySet();
        for (Reference r : refs) {
            String problem = switch (r) {
                case Reference.Variable v -> openVariables || declared.contains(v.name()) || given.contains(v.name()) ? null
                        : "unknown variable '" + v.name() + "'" + variableHint(ctx, v.name());
                case Reference.WorkflowInput w -> declared.contains(w.name()) ? null
                        : "unknown input 'inputs." + w.name() + "'" + hint(w.name(), declared, "no inputs are declared");
                case Reference.NodeOutput n -> nodeProblem(ctx, n);
                case Reference.NodeInput i -> f.template() ? "'input' is only available in router rules" : null;
            };
            if (problem != null) {
                SourcePosition p = SourcePosition.locate(f.text(), r.offset());
                ctx.add(ValidationIssue.error(nodeId, f.path(), IssueCodes.UNKNOWN_VARIABLE,
                        p.line() + ":" + p.column() + ": " + problem + "\n" + p.snippet(f.text())));
            }
        }
        return variables;
    }

    private static String variableHint(ValidationContext ctx, String name) {
        Set<String> declared = ctx.workflow().inputs().keySet();
        var close = Suggest.closest(name, declared, 3);
        if (!close.isEmpty()) return " — did you mean " + String.join(", ", close) + "?";
        if (ctx.nodesById().containsKey(name)) return " — to read node '" + name + "', write nodes." + name + ".output.<port>";
        return declared.isEmpty() ? "; declare it under the workflow's inputs (or connect the node's variables input)"
                : "; it is not a workflow input (declared: " + String.join(", ", declared) + ")";
    }

    private static String nodeProblem(ValidationContext ctx, Reference.NodeOutput n) {
        Map<String, Node> nodes = ctx.nodesById();
        Node target = nodes.get(n.nodeId());
        if (target == null) {
            return "unknown node 'nodes." + n.nodeId() + "'" + hint(n.nodeId(), nodes.keySet(), "the workflow has no nodes");
        }
        if (n.segment() == null) return null;
        if (!n.segment().equals("output")) {
            return "write nodes." + n.nodeId() + ".output." + n.segment() + " (a node's values are under .output)";
        }
        NodeType type = ctx.typeOf(target);
        if (n.port() == null || type == null || type.output(n.port()).isPresent()) return null;
        var ports = type.outputs().stream().map(Port::name).toList();
        return "node '" + n.nodeId() + "' (" + type.type() + ") has no output '" + n.port() + "'"
                + hint(n.port(), ports, "it has no outputs");
    }

    private static String hint(String wrong, java.util.Collection<String> known, String whenEmpty) {
        if (known.isEmpty()) return "; " + whenEmpty;
        String close = Suggest.didYouMean(wrong, known);
        return close.isEmpty() ? " (known: " + String.join(", ", known) + ")" : close;
    }
}
