// Why the workflow cannot run right now (null: it can). The toolbar's Run button and the side
// panel say the same thing.
import type { NodeTypeSpec } from '../api/types';
import { useStore } from '../store/useStore';
import { runBlocker } from '../validation/issues';
import { isFinished } from './runView';
import { skippedOnCanvas } from '../graph/skippedOnCanvas';

export function useRunBlocker(): string | null {
  const issueMap = useStore((s) => s.issueMap);
  const nodeCount = useStore((s) => s.nodes.length);
  const active = useStore((s) => s.run !== null && !isFinished(s.run.status) && s.viewing === null);
  const source = useStore((s) => s.validationSource);
  if (source === null) return 'Checking the workflow…';
  if (source === 'local') return 'The server is not reachable, so the workflow cannot run.';
  if (active) return 'A run is in progress.';
  return runBlocker(issueMap, nodeCount) ?? null;
}

/**
 * The node whose tokens are the answer stream: the streamResponse node, else the last streaming
 * node in the workflow (as the contract says for workflows without one). Nodes that will not run
 * (`skipped`, ADR 23) are not candidates, as in the server's planner.
 */
export function answerNodeId(nodes: { id: string; type: string }[], registry: Record<string, NodeTypeSpec>,
  skipped: ReadonlySet<string> = new Set()): string | undefined {
  const live = nodes.filter((n) => !skipped.has(n.id));
  const marked = live.find((n) => n.type === 'streamResponse');
  if (marked) return marked.id;
  return [...live].reverse().find((n) => registry[n.type]?.streaming)?.id;
}

/** The answer node of the graph on the canvas. */
export function useAnswerNode(): string | undefined {
  return useStore((s) => answerNodeId(s.nodes.map((n) => ({ id: n.id, type: n.data.nodeType })), s.registry, skippedOnCanvas(s)));
}
