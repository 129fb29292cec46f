package dev.catalyst.core.validation;

import dev.catalyst.core.workflow.Edge;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every cycle (strongly connected component with more than one node, or a self-loop) with
 * Tarjan's algorithm, iteratively so that 10,000-node chains do not overflow the stack. Each
 * cycle is reported once, on each node in it, naming all of them in order of appearance.
 */
final class CycleCheck implements WorkflowCheck {
    @Override
    public void check(ValidationContext ctx) {
        var order = new ArrayList<>(ctx.nodesById().keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < order.size(); i++) index.put(order.get(i), i);
        int n = order.size();
        List<List<Integer>> next = new ArrayList<>(n);
        for (int i = 0; i < n; i++) next.add(new ArrayList<>());
        boolean[] selfLoop = new boolean[n];
        for (Edge e : ctx.wellFormedEdges()) {
            int s = index.get(e.source());
            int t = index.get(e.target());
            if (s == t) selfLoop[s] = true;
            next.get(s).add(t);
        }
        for (List<Integer> component : components(n, next)) {
            if (component.size() == 1 && !selfLoop[component.get(0)]) continue;
            component.sort(Integer::compare);
            var names = component.stream().map(order::get).toList();
            String message = names.size() == 1
                    ? "node '" + names.get(0) + "' is connected to itself; a workflow must not loop"
                    : "nodes " + NodeCheck.nameList(names, " → ") + " form a cycle; a workflow must not loop";
            for (String id : names) ctx.add(ValidationIssue.error(id, null, IssueCodes.CYCLE, message));
        }
    }

    private static List<List<Integer>> components(int n, List<List<Integer>> next) {
        int[] idx = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        java.util.Arrays.fill(idx, -1);
        var stack = new ArrayDeque<Integer>();
        var result = new ArrayList<List<Integer>>();
        int counter = 0;
        int[] edgePos = new int[n];
        var call = new ArrayDeque<Integer>();
        for (int root = 0; root < n; root++) {
            if (idx[root] != -1) continue;
            call.push(root);
            while (!call.isEmpty()) {
                int v = call.peek();
                if (idx[v] == -1) {
                    idx[v] = low[v] = counter++;
                    stack.push(v);
                    onStack[v] = true;
                }
                if (edgePos[v] < next.get(v).size()) {
                    int w = next.get(v).get(edgePos[v]++);
                    if (idx[w] == -1) {
                        call.push(w);
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], idx[w]);
                    }
                    continue;
                }
                call.pop();
                if (!call.isEmpty()) {
                    int parent = call.peek();
                    low[parent] = Math.min(low[parent], low[v]);
                }
                if (low[v] == idx[v]) {
                    var comp = new ArrayList<Integer>();
                    int w;
                    do {
                        w = stack.pop();
                        onStack[w] = false;
                        comp.add(w);
                    } while (w != v);
                    result.add(comp);
                }
            }
        }
        return result;
    }
}
