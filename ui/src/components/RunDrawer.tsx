// The run drawer under the canvas: the answer (from the node the user marked as the answer, else
// the streamResponse node, else the last streaming node), the workflow's outputs and a metrics
// table, and one tab per node with its live tokens, output, router decisions, usage and cost.
// Marking a node as the answer sets the workflow's `answer` output to its text, so it is saved.
import { useState } from 'react';
import { OutputValue } from '../run/EmbeddingSummary';
import type { NodeRunView, RunView } from '../run/runView';
import { answerCandidates, useAnswerNode, withAnswerNode } from '../run/useRunBlocker';
import { canvasStore, useStore } from '../store/useStore';
import { formatCost, formatMs, shortRunId } from './format';

export function RunDrawer() {
  const run = useStore((s) => s.run);
  const order = useStore((s) => s.nodes.map((n) => n.id).join('\n'));
  const connection = useStore((s) => s.runConnection);
  const answerNode = useAnswerNode();
  const [tab, setTab] = useState<string>(ANSWER_TAB);
  const [open, setOpen] = useState(true);
  if (!run) return null;
  const ids = [...order.split('\n').filter((id) => run.nodes[id]), ...Object.keys(run.nodes).filter((id) => !order.split('\n').includes(id))];
  const current = tab !== ANSWER_TAB && run.nodes[tab] ? tab : ANSWER_TAB;
  return (
    <section className={`run-drawer${open ? '' : ' folded'}`} aria-label="Run" data-testid="run-view" data-status={run.status}>
      <header className="run-drawer-head">
        <b>Run</b> <code title={run.runId}>{shortRunId(run.runId)}</code>
        <span className={`badge ${run.status}`} data-testid="run-status">{run.status}</span>
        {connection === 'reconnecting' && <span className="badge warn">reconnecting…</span>}
        <div className="tabs" role="tablist" aria-label="Run tabs">
          <Tab id={ANSWER_TAB} current={current} onSelect={setTab} label="Answer" testId="run-tab-answer" />
          {ids.map((id) => <Tab key={id} id={id} current={current} onSelect={setTab} label={id} status={run.nodes[id].status}
            testId={`run-tab-node-${id}`} />)}
        </div>
        <span className="spacer" />
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>{open ? 'Hide' : 'Show'}</button>
        <button type="button" onClick={() => canvasStore.getState().setRun(null)} aria-label="Close the run drawer"
          disabled={run.status === 'running' || run.status === 'queued'}>×</button>
      </header>
      {open && (
        <div className="run-drawer-body" tabIndex={0} role="tabpanel" aria-label={current === ANSWER_TAB ? 'Answer' : current}>
          {current === ANSWER_TAB ? <AnswerTab run={run} answerNode={answerNode} />
            : <NodeTab node={run.nodes[current]} id={current} isAnswer={current === answerNode} />}
        </div>
      )}
    </section>
  );
}

// the Answer tab's key: not a node id (a node may be called "answer", as in the router example)
const ANSWER_TAB = '\u0000answer';

function Tab({ id, current, onSelect, label, status, testId }: { id: string; current: string; onSelect(id: string): void; label: string;
  status?: string; testId: string }) {
  return (
    <button type="button" role="tab" aria-selected={current === id} className={`tab${status ? ` status-${status}` : ''}`} onClick={() => onSelect(id)}
      data-testid={testId}>{status && <span className="dot" aria-hidden="true" />}{label}</button>
  );
}

/** Makes `nodeId`'s text the workflow's answer (an undoable edit of its outputs, saved with it). */
function markAnswer(nodeId: string) {
  const s = canvasStore.getState();
  s.setMeta({ outputs: withAnswerNode(s.meta.outputs, nodeId) }, `answer:${nodeId}`);
}

/** The text a node answered: its streamed tokens, else the `text` of its output. */
function textOf(node: NodeRunView | undefined): string | undefined {
  if (!node) return undefined;
  if (node.text) return node.text;
  const out = node.output as { text?: unknown } | undefined;
  return out && typeof out === 'object' && typeof out.text === 'string' ? out.text : undefined;
}

function AnswerChooser({ answerNode }: { answerNode: string | undefined }) {
  const candidates = useStore((s) => answerCandidates(s.nodes.map((n) => ({ id: n.id, type: n.data.nodeType })), s.registry).join('\n'));
  const readOnly = useStore((s) => s.viewing !== null);
  const ids = candidates ? candidates.split('\n') : [];
  if (ids.length < 2 && ids[0] === answerNode) return <span className="muted">{answerNode ? `(from ${answerNode})` : ''}</span>;
  return (
    <label className="answer-from">
      <span className="muted">from</span>
      <select value={answerNode ?? ''} disabled={readOnly} data-testid="answer-from" aria-label="Answer from node"
        title="Which node's text is the answer (saved as the workflow's answer output)"
        onChange={(e) => { if (e.target.value) markAnswer(e.target.value); }}>
        {!answerNode && <option value="">—</option>}
        {answerNode && !ids.includes(answerNode) && <option value={answerNode}>{answerNode}</option>}
        {ids.map((id) => <option key={id} value={id}>{id}</option>)}
      </select>
    </label>
  );
}

function AnswerTab({ run, answerNode }: { run: RunView; answerNode: string | undefined }) {
  const answer = answerNode ? textOf(run.nodes[answerNode]) : undefined;
  return (
    <div className="answer-tab">
      {run.error && <p className="field-error" role="alert">{run.error.code}: {run.error.message}</p>}
      {run.status === 'cancelled' && <p className="muted">Cancelled{run.cancelReason ? `: ${run.cancelReason}` : ''}.</p>}
      <div className="answer">
        <h3>Answer {answerNode ? <AnswerChooser answerNode={answerNode} /> : <span className="muted">(no streaming node)</span>}</h3>
        {!answer && answerNode && run.status === 'running' && (
          <p className="muted" data-testid="answer-waiting">Waiting for {answerNode}: it answers once its inputs are in.</p>
        )}
        <pre data-testid="answer-stream" aria-live="polite">{answer ?? ''}</pre>
      </div>
      {run.outputs && (
        <dl className="run-outputs" data-testid="run-outputs">
          {Object.entries(run.outputs).map(([k, v]) => <div key={k}><dt>{k}</dt><dd><OutputValue name={k} value={v} /></dd></div>)}
        </dl>
      )}
      <table className="run-metrics">
        <caption className="sr-only">Per-node metrics</caption>
        <thead><tr><th>node</th><th>status</th><th>ttft</th><th>latency</th><th>tokens in/out</th><th>cost</th></tr></thead>
        <tbody>
          {Object.entries(run.nodes).map(([id, n]) => (
            <tr key={id}><td>{id}</td><td>{n.status}</td><td>{n.ttftMs != null ? formatMs(n.ttftMs) : '—'}</td>
              <td>{n.latencyMs !== undefined ? formatMs(n.latencyMs) : '—'}</td>
              <td>{n.usage ? `${n.usage.inputTokens ?? 0}/${n.usage.outputTokens ?? 0}` : '—'}</td>
              <td>{n.costUsd !== undefined ? formatCost(n.costUsd) : '—'}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NodeTab({ node, id, isAnswer }: { node: NodeRunView; id: string; isAnswer: boolean }) {
  const structured = node.output !== undefined && !(node.text && isTextOutput(node.output));
  const canAnswer = useStore((s) => {
    const n = s.nodes.find((x) => x.id === id);
    return s.viewing === null && !!n && !!s.registry[n.data.nodeType]?.outputs.some((p) => p.name === 'text');
  });
  return (
    <div className="node-tab">
      {isAnswer ? <p className="muted">This node's text is the answer.</p>
        : canAnswer && <p><button type="button" onClick={() => markAnswer(id)} data-testid={`mark-answer-${id}`}>Use as the answer</button></p>}
      <p><span className={`badge ${node.status}`}>{node.status}</span>
        {node.ttftMs != null && <> · ttft {formatMs(node.ttftMs)}</>}
        {node.latencyMs !== undefined && <> · latency {formatMs(node.latencyMs)}</>}
        {node.usage && <> · tokens {node.usage.inputTokens ?? 0}→{node.usage.outputTokens ?? 0}</>}
        {node.costUsd !== undefined && <> · {formatCost(node.costUsd)}</>}</p>
      {node.decisions.length > 0 && (
        <ul className="decisions" aria-label="router decisions">
          {node.decisions.map((d, i) => <li key={i}>→ <b>{d.chosen}</b>{d.attempt && d.attempt > 1 ? ` (attempt ${d.attempt})` : ''}{d.reason ? `: ${d.reason}` : ''}</li>)}
        </ul>
      )}
      {node.error && <p className="field-error" role="alert">{node.error.code}: {node.error.message}</p>}
      {node.text && <pre className="node-tab-text" aria-live="polite">{node.text}</pre>}
      {structured && (node.output !== null && typeof node.output === 'object' && !Array.isArray(node.output)
        ? (
          <dl className="node-tab-json">
            {Object.entries(node.output as Record<string, unknown>).map(([k, v]) => <div key={k}><dt>{k}</dt><dd><OutputValue name={k} value={v} /></dd></div>)}
          </dl>
        )
        : <div className="node-tab-json"><OutputValue name="output" value={node.output} /></div>)}
    </div>
  );
}

const isTextOutput = (o: unknown) => !!o && typeof o === 'object' && typeof (o as { text?: unknown }).text === 'string'
  && Object.keys(o as object).every((k) => k === 'text' || k === 'message');
