// The skipped nodes (ADR 23) of the graph on the canvas. Cheap: with no disabled node it returns at
// once, and graphs are small; so selectors may call it on every store change.
import type { CanvasState } from '../store/store';
import { skippedNodes } from './skipped';

export function skippedOnCanvas(s: Pick<CanvasState, 'nodes' | 'edges' | 'registry'>): ReadonlySet<string> {
  return skippedNodes(
    s.nodes.map((n) => ({ id: n.id, type: n.data.nodeType, disabled: n.data.disabled === true })),
    s.edges.map((e) => ({ source: e.source, sourcePort: e.sourceHandle ?? '', target: e.target, targetPort: e.targetHandle ?? '' })),
    s.registry);
}
