// Which nodes will not run (ADR 23), the same rule as the server's SkipAnalysis: the disabled ones,
// and, transitively, any node with a required input (or a group of which one must be connected)
// whose edges all come from nodes that will not run. A `many` input keeps the edges that run; an
// optional input fed only by skipped nodes is left empty. A completion node wired only into a
// router's `model` port reads no inputs, so only disabling it skips it.
// The server emits no event for a skipped node; the canvas reads "skipped" from here.
import type { NodeTypeSpec } from '../api/types';

export interface GraphNode { id: string; type: string; disabled?: boolean }
export interface GraphEdge { source: string; sourcePort: string; target: string; targetPort: string }

const MODEL_PORT = 'model';

export function skippedNodes(nodes: readonly GraphNode[], edges: readonly GraphEdge[], registry: Record<string, NodeTypeSpec>): Set<string> {
  const skipped = new Set(nodes.filter((n) => n.disabled).map((n) => n.id));
  if (skipped.size === 0) return skipped;
  const handles = new Set(nodes.filter((n) => {
    if (registry[n.type]?.provider == null) return false; // a completion kind (the server's isCompletion)
    const out = edges.filter((e) => e.source === n.id);
    return out.length > 0 && out.every((e) => e.sourcePort === MODEL_PORT);
  }).map((n) => n.id));
  const onlySkipped = (fed: readonly GraphEdge[]) => fed.length > 0 && fed.every((e) => skipped.has(e.source));
  for (let changed = true; changed;) {
    changed = false;
    for (const n of nodes) {
      const spec = registry[n.type];
      if (skipped.has(n.id) || handles.has(n.id) || !spec) continue;
      const into = edges.filter((e) => e.target === n.id);
      const starved = spec.inputs.some((p) => p.required && onlySkipped(into.filter((e) => e.targetPort === p.name)))
        || spec.requiredInputs.some((group) => onlySkipped(into.filter((e) => group.includes(e.targetPort))));
      if (starved) { skipped.add(n.id); changed = true; }
    }
  }
  return skipped;
}
