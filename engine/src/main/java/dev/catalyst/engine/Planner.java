package dev.catalyst.engine;

import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.validation.SkipAnalysis;
import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.validation.ValidationReport;
import dev.catalyst.core.validation.WorkflowValidator;
import dev.catalyst.core.workflow.Edge;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a workflow into a {@link Plan}: validates it, checks every node type can run here, orders
 * the nodes, and finds the answer stream from the specs' {@code answerStream} and {@code generates}.
 */
final class Planner {
    static final String MODEL_PORT = "model";

    private final NodeRegistry registry;
    private final WorkflowValidator validator;
    private final Set<String> runnableTypes;

    Planner(NodeRegistry registry, WorkflowValidator validator, Set<String> runnableTypes) {
        this.registry = registry;
        this.validator = validator;
        this.runnableTypes = runnableTypes;
    }

    Plan compile(Workflow workflow, Predicate<String> credentialExists) throws WorkflowInvalidException {
        ValidationReport report = validator.validate(workflow, credentialExists);
        var issues = new ArrayList<>(report.errors());
        var handles = modelHandles(workflow);
        // ADR 23: disabled nodes, and the nodes they starve, are left out of the plan; edges from them carry nothing
        SkipAnalysis.Result skipping = validator.skipping(workflow);
        for (Node n : workflow.nodes()) {
            if (!handles.contains(n.id()) && !skipping.isSkipped(n.id()) && n.type() != null && !runnableTypes.contains(n.type())) {
                issues.add(ValidationIssue.error(n.id(), "type", "not_runnable",
                        "node type '" + n.type() + "' cannot run in this build (no executor for it)"));
            }
        }
        ValidationReport all = ValidationReport.of(issues);
        if (!all.valid()) throw new WorkflowInvalidException(all);

        var planned = new LinkedHashMap<String, PlannedNode>();
        var dependents = new LinkedHashMap<String, Set<String>>();
        List<Node> live = workflow.nodes().stream().filter(n -> !skipping.isSkipped(n.id())).toList();
        for (Node n : live) dependents.put(n.id(), new LinkedHashSet<>());
        for (Node n : live) {
            NodeType type = registry.get(n.type());
            boolean handle = handles.contains(n.id());
            var byPort = new LinkedHashMap<String, List<Edge>>();
            var upstream = new LinkedHashSet<String>();
            if (!handle) {
                for (Edge e : workflow.edges()) {
                    if (!e.target().equals(n.id()) || skipping.isSkipped(e.source())) continue;
                    byPort.computeIfAbsent(e.targetPort(), k -> new ArrayList<>()).add(e);
                    upstream.add(e.source());
                    dependents.get(e.source()).add(n.id());
                }
            }
            planned.put(n.id(), new PlannedNode(n, type, type.withDefaults(n.config()),
                    Collections.unmodifiableMap(byPort), Collections.unmodifiableSet(upstream), handle));
        }
        var ordered = topological(planned, dependents);
        String answer = answerNode(workflow, ordered);
        boolean decisions = ordered.values().stream()
                .filter(n -> n.type().answerStream())
                .anyMatch(n -> n.config().path("includeDecisions").asBoolean(false));
        var outputs = new LinkedHashMap<>(workflow.outputs());
        outputs.keySet().removeAll(skipping.skippedOutputs().keySet());
        return new Plan(workflow, ordered, Collections.unmodifiableMap(dependents), answer, decisions,
                skipping.skipped(), Collections.unmodifiableMap(outputs));
    }

    /** Completion nodes whose every outgoing edge leaves from the {@code model} port. */
    private Set<String> modelHandles(Workflow workflow) {
        var result = new LinkedHashSet<String>();
        for (Node n : workflow.nodes()) {
            boolean completion = registry.find(n.type()).map(NodeType::isCompletion).orElse(false);
            if (!completion) continue;
            var out = workflow.edges().stream().filter(e -> e.source().equals(n.id())).toList();
            if (!out.isEmpty() && out.stream().allMatch(e -> MODEL_PORT.equals(e.sourcePort()))) result.add(n.id());
        }
        return result;
    }

    // Kahn's algorithm; ties keep workflow order so plans are stable. Validation already ruled out cycles.
    private static Map<String, PlannedNode> topological(Map<String, PlannedNode> nodes, Map<String, Set<String>> dependents) {
        var waiting = new LinkedHashMap<String, Integer>();
        nodes.forEach((id, n) -> waiting.put(id, n.upstream().size()));
        var ready = new ArrayDeque<String>();
        waiting.forEach((id, count) -> { if (count == 0) ready.add(id); });
        var ordered = new LinkedHashMap<String, PlannedNode>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            ordered.put(id, nodes.get(id));
            for (String d : dependents.get(id)) {
                if (waiting.merge(d, -1, Integer::sum) == 0) ready.add(d);
            }
        }
        return Collections.unmodifiableMap(ordered);
    }

    private static String answerNode(Workflow workflow, Map<String, PlannedNode> ordered) {
        for (PlannedNode n : ordered.values()) {
            if (!n.type().answerStream()) continue;
            var text = n.inputEdges().get("text");
            if (text == null || text.isEmpty()) continue;
            String source = text.getFirst().source();
            // a marking node fed by another one answers with what that one answers with
            while (ordered.get(source).type().answerStream()) {
                var more = ordered.get(source).inputEdges().get("text");
                if (more == null || more.isEmpty()) return null;
                source = more.getFirst().source();
            }
            return source;
        }
        String last = null;
        for (PlannedNode n : ordered.values()) {
            if (n.type().generates() && !n.modelHandle()) last = n.id();
        }
        return last;
    }
}
