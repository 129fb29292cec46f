package dev.catalyst.core.validation;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.workflow.Edge;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the checks share while validating one workflow: the workflow, indexes over it, and the
 * issues found so far. Nodes with a duplicate id or an unknown type are indexed once (first wins)
 * so later checks do not report the same problem again.
 */
public final class ValidationContext {
    private final Workflow workflow;
    private final NodeRegistry registry;
    private final ModelCatalog catalog;
    private final Predicate<String> credentialExists;
    private final List<ValidationIssue> issues = new ArrayList<>();
    private final Map<String, Node> nodesById = new LinkedHashMap<>();
    private final List<Edge> wellFormedEdges = new ArrayList<>();
    private final Map<String, List<Edge>> edgesInto = new HashMap<>();
    private final Map<String, List<String>> variables = new LinkedHashMap<>();

    ValidationContext(Workflow workflow, NodeRegistry registry, ModelCatalog catalog, Predicate<String> credentialExists) {
        this.workflow = workflow;
        this.registry = registry;
        this.catalog = catalog;
        this.credentialExists = credentialExists;
        for (Node n : workflow.nodes()) nodesById.putIfAbsent(n.id(), n);
    }

    public Workflow workflow() { return workflow; }

    public NodeRegistry registry() { return registry; }

    public ModelCatalog catalog() { return catalog; }

    public boolean credentialExists(String name) { return credentialExists.test(name); }

    public Map<String, Node> nodesById() { return nodesById; }

    public NodeType typeOf(Node node) {
        return registry.find(node.type()).orElse(null);
    }

    public void add(ValidationIssue issue) { issues.add(issue); }

    public List<ValidationIssue> issues() { return issues; }

    /** Edges whose ends and ports exist (filled by the edge check). */
    public List<Edge> wellFormedEdges() { return wellFormedEdges; }

    void addWellFormed(Edge e) {
        wellFormedEdges.add(e);
        edgesInto.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e);
    }

    /** Records the bare template variables a node reads (shown by the canvas). */
    public void recordVariables(String nodeId, List<String> names) {
        variables.put(nodeId, List.copyOf(names));
    }

    /** Bare template variables per node id, for nodes that read any. */
    public Map<String, List<String>> variables() {
        return variables;
    }

    /** Well-formed edges arriving at a node, in file order. */
    public List<Edge> edgesInto(String nodeId) {
        return edgesInto.getOrDefault(nodeId, List.of());
    }
}
