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

/** The workflow output that names the answer node (contract-native: saved with the workflow). */
export const ANSWER_OUTPUT = 'answer';

/** The output expression that marks `nodeId`'s text as the answer. */
export const answerExpression = (nodeId: string) => `{{ nodes.${nodeId}.output.text }}`;

/** The node an `answer` output of the form `{{ nodes.X.output.text }}` names, if any. */
export function markedAnswerNode(outputs: Record<string, string> | undefined): string | undefined {
  return outputs?.[ANSWER_OUTPUT]?.match(/^\s*\{\{\s*nodes\.([A-Za-z_][\w-]*)\.output\.text\s*\}\}\s*$/)?.[1];
}

/** The workflow's outputs with `answer` naming `nodeId`'s text (the other outputs kept). */
export function withAnswerNode(outputs: Record<string, string>, nodeId: string): Record<string, string> {
  return { ...outputs, [ANSWER_OUTPUT]: answerExpression(nodeId) };
}

/** Nodes whose text can be the answer: those with a `text` output. */
export function answerCandidates(nodes: { id: string; type: string }[], registry: Record<string, NodeTypeSpec>): string[] {
  return nodes.filter((n) => registry[n.type]?.outputs.some((p) => p.name === 'text')).map((n) => n.id);
}

/**
 * The node whose text is the answer: the one the workflow's `answer` output names (the user marked
 * it), else the streamResponse node, else the last streaming node in the workflow (as the contract
 * says for workflows without one). Nodes that will not run (`skipped`, ADR 23) are never the
 * answer, as in the server's planner.
 */
export function answerNodeId(nodes: { id: string; type: string }[], registry: Record<string, NodeTypeSpec>,
  outputs?: Record<string, string>, skipped: ReadonlySet<string> = new Set()): string | undefined {
  const live = nodes.filter((n) => !skipped.has(n.id));
  const chosen = markedAnswerNode(outputs);
  if (chosen && live.some((n) => n.id === chosen)) return chosen;
  const marked = live.find((n) => n.type === 'streamResponse');
  if (marked) return marked.id;
  return [...live].reverse().find((n) => registry[n.type]?.streaming)?.id;
}

/** The answer node of the graph on the canvas. */
export function useAnswerNode(): string | undefined {
  return useStore((s) => answerNodeId(s.nodes.map((n) => ({ id: n.id, type: n.data.nodeType })), s.registry, s.meta.outputs, skippedOnCanvas(s)));
}
