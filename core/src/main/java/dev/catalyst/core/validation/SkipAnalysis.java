package dev.catalyst.core.validation;

import dev.catalyst.core.expr.ExpressionException;
import dev.catalyst.core.expr.Reference;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.registry.Port;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.workflow.Edge;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which nodes of a workflow will not run (ADR 23): the disabled ones, and, transitively, every node
 * with a required input (or a group of which one input must be connected) whose edges all come
 * from nodes that will not run. A {@code many} input keeps the edges of nodes that run; an optional
 * input fed only by skipped nodes is simply left empty. A completion node wired only into a
 * router's {@code model} port reads no inputs, so only disabling it skips it.
 *
 * <p>The one place both validation and the engine's planner ask, so the two cannot disagree.
 */
public final class SkipAnalysis {
    static final String MODEL_PORT = "model";

    private SkipAnalysis() {}

    /**
     * @param skipped        ids of the nodes that will not run, in workflow order
     * @param skippedOutputs per workflow output that reads a skipped node, the first such node;
     *                       such outputs are left out of the run's outputs
     */
    public record Result(Set<String> skipped, Map<String, String> skippedOutputs) {
        public Result {
            skipped = Collections.unmodifiableSet(new LinkedHashSet<>(skipped));
            skippedOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(skippedOutputs));
        }

        public boolean isSkipped(String nodeId) {
            return skipped.contains(nodeId);
        }
    }

    public static Result analyse(Workflow workflow, NodeRegistry registry, TemplateEngine templates) {
        var skipped = new LinkedHashSet<String>();
        for (Node n : workflow.nodes()) if (n.disabled()) skipped.add(n.id());
        if (skipped.isEmpty()) return new Result(skipped, Map.of());
        Set<String> handles = modelHandles(workflow, registry);
        boolean changed = true;
        while (changed) { // a fixpoint; workflows are small and validation reports cycles on its own
            changed = false;
            for (Node n : workflow.nodes()) {
                if (skipped.contains(n.id()) || handles.contains(n.id())) continue;
                NodeType type = registry.find(n.type()).orElse(null);
                if (type != null && starved(n, type, workflow.edges(), skipped)) {
                    skipped.add(n.id());
                    changed = true;
                }
            }
        }
        var outputs = new LinkedHashMap<String, String>();
        workflow.outputs().forEach((name, template) -> {
            for (String read : nodesRead(template, templates)) {
                if (skipped.contains(read)) {
                    outputs.put(name, read);
                    break;
                }
            }
        });
        return new Result(ordered(workflow, skipped), outputs);
    }

    private static boolean starved(Node n, NodeType type, List<Edge> edges, Set<String> skipped) {
        Map<String, List<Edge>> into = new LinkedHashMap<>();
        for (Edge e : edges) if (e.target().equals(n.id())) into.computeIfAbsent(e.targetPort(), k -> new ArrayList<>()).add(e);
        for (Port p : type.inputs()) {
            if (p.required() && onlySkipped(into.getOrDefault(p.name(), List.of()), skipped)) return true;
        }
        for (List<String> group : type.requiredInputs()) {
            var fed = new ArrayList<Edge>();
            for (String port : group) fed.addAll(into.getOrDefault(port, List.of()));
            if (onlySkipped(fed, skipped)) return true;
        }
        return false;
    }

    // connected, and every edge comes from a node that will not run (an unconnected input is validation's business)
    private static boolean onlySkipped(List<Edge> edges, Set<String> skipped) {
        return !edges.isEmpty() && edges.stream().allMatch(e -> skipped.contains(e.source()));
    }

    /** Completion nodes whose every outgoing edge leaves from the {@code model} port (the planner's rule). */
    private static Set<String> modelHandles(Workflow workflow, NodeRegistry registry) {
        var result = new LinkedHashSet<String>();
        for (Node n : workflow.nodes()) {
            if (!registry.find(n.type()).map(NodeType::isCompletion).orElse(false)) continue;
            var out = workflow.edges().stream().filter(e -> e.source().equals(n.id())).toList();
            if (!out.isEmpty() && out.stream().allMatch(e -> MODEL_PORT.equals(e.sourcePort()))) result.add(n.id());
        }
        return result;
    }

    private static Set<String> nodesRead(String template, TemplateEngine templates) {
        var ids = new LinkedHashSet<String>();
        try {
            for (Reference r : templates.compile(template).references()) {
                if (r instanceof Reference.NodeOutput n) ids.add(n.nodeId());
            }
        } catch (ExpressionException e) {
            // an output that does not compile is a validation error of its own
        }
        return ids;
    }

    private static Set<String> ordered(Workflow workflow, Set<String> skipped) {
        var result = new LinkedHashSet<String>();
        for (Node n : workflow.nodes()) if (skipped.contains(n.id())) result.add(n.id());
        return result;
    }
}
