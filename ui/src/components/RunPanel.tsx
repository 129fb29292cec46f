// Run the workflow: a form for its inputs, Run (disabled with the reason), Cancel, the answer as it
// streams, per-node metrics and the run history.
import { useEffect, useState } from 'react';
import type { NodeTypeSpec, RunSummary } from '../api/types';
import { isFinished } from '../run/runView';
import { canvasStore, useStore } from '../store/useStore';
import { runBlocker } from '../validation/issues';
import { formatCost, formatMs } from './format';
import { sampleValues } from './sampleValues';
import { useServices } from '../hooks/services';
import { OutputValue } from '../run/EmbeddingSummary';

/**
 * The node whose tokens are the answer stream: the streamResponse node, else the last streaming
 * node in the workflow (as the contract says for workflows without one).
 */
export function answerNodeId(nodes: { id: string; type: string }[], registry: Record<string, NodeTypeSpec>): string | undefined {
  const marked = nodes.find((n) => n.type === 'streamResponse');
  if (marked) return marked.id;
  return [...nodes].reverse().find((n) => registry[n.type]?.streaming)?.id;
}

export function RunPanel() {
  const { api, runs } = useServices();
  const inputs = useStore((s) => s.meta.inputs);
  const samples = useStore((s) => s.sampleInputs);
  const issueMap = useStore((s) => s.issueMap);
  const nodeCount = useStore((s) => s.nodes.length);
  const run = useStore((s) => s.run);
  const connection = useStore((s) => s.runConnection);
  const source = useStore((s) => s.validationSource);
  const answerNode = useStore((s) => answerNodeId(s.nodes.map((n) => ({ id: n.id, type: n.data.nodeType })), s.registry));
  const answer = useStore((s) => (answerNode ? s.run?.nodes[answerNode]?.text : undefined));
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<RunSummary[] | undefined | null>(null);

  const active = run !== null && !isFinished(run.status);
  const blocker = source === null ? 'Checking the workflow…'
    : source === 'local' ? 'The server is not reachable, so the workflow cannot run.' : active ? 'A run is in progress.' : runBlocker(issueMap, nodeCount);

  useEffect(() => {
    if (active) return;
    let live = true;
    api.listRuns().then((r) => { if (live) setHistory(r); }).catch(() => { if (live) setHistory(undefined); });
    return () => { live = false; };
  }, [api, active]);

  const start = async () => {
    setError(null);
    try { await runs.start(sampleValues(inputs, samples)); } catch (e) { setError(e instanceof Error ? e.message : String(e)); }
  };

  return (
    <section className="panel run-panel" aria-labelledby="run-title">
      <h2 id="run-title">Run</h2>
      <form onSubmit={(e) => { e.preventDefault(); if (!blocker) void start(); }}>
        {Object.entries(inputs).map(([name, spec]) => (
          <div className="field" key={name}>
            <label htmlFor={`run-in-${name}`}>{name} <span className="muted">({spec.type})</span></label>
            <input id={`run-in-${name}`} name={name} value={samples[name] ?? (spec.default === undefined ? '' : typeof spec.default === 'string' ? spec.default : JSON.stringify(spec.default))}
              onChange={(e) => canvasStore.getState().setSampleInput(name, e.target.value)} />
          </div>
        ))}
        <div className="run-buttons">
          <button type="submit" className="primary" disabled={!!blocker} aria-describedby={blocker ? 'run-blocker' : undefined} data-testid="run-button">Run</button>
          <button type="button" disabled={!active} onClick={() => runs.cancel().catch((e: Error) => setError(e.message))} data-testid="cancel-button">Cancel</button>
        </div>
        {blocker && <p id="run-blocker" className="run-blocker" role="status" data-testid="run-blocker">{blocker}</p>}
        {error && <p className="field-error" role="alert">{error}</p>}
      </form>
      {run && (
        <div className="run-view" data-testid="run-view" data-status={run.status}>
          <p>Run <code>{run.runId}</code>: <b data-testid="run-status">{run.status}</b>
            {connection === 'reconnecting' && <span className="badge warn"> reconnecting…</span>}</p>
          {run.error && <p className="field-error" role="alert">{run.error.code}: {run.error.message}</p>}
          {answer !== undefined && answer !== '' && (
            <div className="answer"><h3>Answer <span className="muted">({answerNode})</span></h3><pre data-testid="answer-stream" aria-live="polite">{answer}</pre></div>
          )}
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
      )}
      <section aria-labelledby="history-title" className="run-history">
        <h3 id="history-title">History</h3>
        {history === undefined && <p className="muted">This server keeps no run history.</p>}
        {history && history.length === 0 && <p className="muted">No runs yet.</p>}
        {history && history.length > 0 && (
          <ul>
            {history.slice(0, 20).map((r) => (
              <li key={r.id}><button type="button" className="link" onClick={() => runs.open(r.id)}>{r.id}</button> <span className={`badge ${r.status}`}>{r.status}</span>
                {r.createdAt ? <span className="muted"> {new Date(r.createdAt).toLocaleString()}</span> : null}</li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
