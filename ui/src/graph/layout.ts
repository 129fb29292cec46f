// "Tidy up": a layered left-to-right layout by dagre, from each card's measured size, so no two
// cards overlap and edges run forward.
import dagre from '@dagrejs/dagre';
import type { XYPosition } from '@xyflow/react';

export interface Box { id: string; width: number; height: number }
export interface Link { source: string; target: string }

/** Card gaps: across ranks (room for edges) and within a rank (room for a streamed answer to grow). */
export const RANK_GAP = 120;
export const NODE_GAP = 60;

/** Top-left positions for each box. */
export function tidy(boxes: readonly Box[], links: readonly Link[]): Record<string, XYPosition> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', ranksep: RANK_GAP, nodesep: NODE_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of boxes) g.setNode(b.id, { width: b.width, height: b.height });
  for (const l of links) if (g.hasNode(l.source) && g.hasNode(l.target)) g.setEdge(l.source, l.target);
  dagre.layout(g);
  const out: Record<string, XYPosition> = {};
  for (const b of boxes) {
    const n = g.node(b.id);
    // dagre gives centres; React Flow places by the top-left corner
    out[b.id] = { x: Math.round(n.x - b.width / 2), y: Math.round(n.y - b.height / 2) };
  }
  return out;
}
