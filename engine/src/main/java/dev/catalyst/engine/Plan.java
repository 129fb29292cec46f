package dev.catalyst.engine;

import dev.catalyst.core.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated workflow compiled for running.
 *
 * @param nodes            every node by id, in topological order
 * @param dependents       for each node, the nodes waiting on it
 * @param answerNodeId     the node whose tokens are the workflow's answer stream: the node feeding a
 *                         {@code streamResponse}, else the last completion or router node; null when none streams
 * @param includeDecisions the streamResponse asks for router decisions in the answer stream
 * @param skipped          nodes that will not run (ADR 23): disabled, or fed only by such nodes; not in {@code nodes}
 * @param outputs          the workflow outputs to render: those that read a skipped node are left out
 */
public record Plan(Workflow workflow, Map<String, PlannedNode> nodes, Map<String, Set<String>> dependents,
                   String answerNodeId, boolean includeDecisions, Set<String> skipped, Map<String, String> outputs) {
    public List<PlannedNode> roots() {
        return nodes.values().stream().filter(n -> n.upstream().isEmpty()).toList();
    }
}
