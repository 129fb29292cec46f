// The state of one run as the canvas shows it, built by folding run events in sequence order.
// Events carry a sequence id; one at or below the last applied id is a replay and is dropped, so a
// resumed stream never duplicates text.
import type { ErrorInfo, RunEvent, RunEventName, RunStatus, Usage } from '../api/types';
import type { SseMessage } from './sseParser';

/**
 * `cancelled`: the run was cancelled while the node had not finished; `interrupted`: the server
 * stopped (the run failed with code `interrupted`) while it had not finished. Neither is the node's fault.
 */
export type NodeRunStatus = 'waiting' | 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

export interface RouterDecisionView { chosen: string; reason?: string; attempt?: number; candidates?: unknown }

export interface NodeRunView {
  status: NodeRunStatus;
  text: string;
  tokenCount: number;
  ttftMs?: number | null;
  latencyMs?: number;
  usage?: Usage;
  costUsd?: number;
  output?: unknown;
  error?: ErrorInfo;
  decisions: RouterDecisionView[];
}

export interface RunView {
  runId: string;
  status: RunStatus;
  lastSeq: number;
  nodes: Record<string, NodeRunView>;
  outputs?: Record<string, unknown>;
  error?: ErrorInfo;
  cancelReason?: string;
}

export const TERMINAL_EVENTS: ReadonlySet<string> = new Set(['run.completed', 'run.failed', 'run.cancelled']);

export function emptyRun(runId: string, status: RunStatus = 'queued'): RunView {
  return { runId, status, lastSeq: 0, nodes: {} };
}

export function isFinished(status: RunStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

const KNOWN: ReadonlySet<string> = new Set<RunEventName>([
  'run.started', 'node.started', 'token', 'router.decision', 'node.completed', 'node.failed',
  'run.completed', 'run.failed', 'run.cancelled',
]);

/** Decodes one SSE message into a run event; unknown names (a newer server) give undefined. */
export function decodeEvent(m: SseMessage): RunEvent | undefined {
  if (!KNOWN.has(m.event)) return undefined;
  try {
    return { name: m.event, data: JSON.parse(m.data) } as RunEvent;
  } catch {
    return undefined;
  }
}

export function seqOf(m: SseMessage): number | undefined {
  const n = Number(m.id);
  return m.id !== '' && Number.isSafeInteger(n) ? n : undefined;
}

/** Applies one message; returns the same object when the message is a replay or not a run event. */
export function applyMessage(view: RunView, m: SseMessage): RunView {
  const seq = seqOf(m);
  if (seq !== undefined && seq <= view.lastSeq) return view;
  const event = decodeEvent(m);
  const next = event ? applyEvent(view, event) : view;
  return seq === undefined ? next : { ...next, lastSeq: seq };
}

export function applyEvent(view: RunView, e: RunEvent): RunView {
  switch (e.name) {
    case 'run.started':
      return { ...view, status: 'running' };
    case 'node.started':
      return withNode(view, e.data.nodeId, (n) => ({ ...n, status: 'running' }));
    case 'token':
      return withNode(view, e.data.nodeId, (n) => ({
        ...n, status: 'running', text: n.text + e.data.text, tokenCount: n.tokenCount + 1,
      }));
    case 'router.decision':
      // A new attempt starts its text over (the client discards the partial text of the last one).
      return withNode(view, e.data.nodeId, (n) => ({
        ...n,
        text: (e.data.attempt ?? 1) > 1 ? '' : n.text,
        tokenCount: (e.data.attempt ?? 1) > 1 ? 0 : n.tokenCount,
        decisions: [...n.decisions, { chosen: e.data.chosen, reason: e.data.reason, attempt: e.data.attempt, candidates: e.data.candidates }],
      }));
    case 'node.completed':
      return withNode(view, e.data.nodeId, (n) => ({
        ...n,
        status: 'completed',
        text: n.text === '' ? textOf(e.data.output) : n.text,
        output: e.data.output,
        usage: e.data.usage,
        costUsd: e.data.costUsd,
        latencyMs: e.data.latencyMs,
        ttftMs: e.data.ttftMs,
      }));
    case 'node.failed':
      // the engine ends a cancelled node with node.failed and the code `cancelled`: not a failure
      return withNode(view, e.data.nodeId, (n) => ({
        ...n, status: e.data.error?.code === 'cancelled' ? 'cancelled' : 'failed', error: e.data.error,
        text: n.text === '' && e.data.partialText ? e.data.partialText : n.text,
      }));
    case 'run.completed':
      return { ...view, status: 'completed', outputs: e.data.outputs };
    case 'run.failed':
      return {
        ...endUnfinished(view, e.data.error?.code === 'interrupted' ? 'interrupted' : undefined),
        status: 'failed', error: e.data.error,
      };
    case 'run.cancelled':
      return { ...endUnfinished(view, 'cancelled'), status: 'cancelled', cancelReason: e.data.reason };
  }
}

// the nodes still under way when the run ended take the run's ending
function endUnfinished(view: RunView, status: NodeRunStatus | undefined): RunView {
  if (!status) return view;
  const nodes: Record<string, NodeRunView> = {};
  for (const [id, n] of Object.entries(view.nodes)) nodes[id] = n.status === 'running' || n.status === 'waiting' ? { ...n, status } : n;
  return { ...view, nodes };
}

function textOf(output: unknown): string {
  if (output && typeof output === 'object' && typeof (output as { text?: unknown }).text === 'string') {
    return (output as { text: string }).text;
  }
  return '';
}

function withNode(view: RunView, nodeId: string, f: (n: NodeRunView) => NodeRunView): RunView {
  const current = view.nodes[nodeId] ?? { status: 'waiting', text: '', tokenCount: 0, decisions: [] };
  return { ...view, status: view.status === 'queued' ? 'running' : view.status, nodes: { ...view.nodes, [nodeId]: f(current) } };
}
