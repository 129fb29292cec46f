// The side panel's run section: why Run is disabled (if it is), and this workflow's run history
// (status, start, duration, tokens, cost). Opening a past run shows the workflow version it ran,
// read-only, with its results.
import { useEffect, useState } from 'react';
import type { RunSummary } from '../api/types';
import { useServices } from '../hooks/services';
import { isFinished } from '../run/runView';
import { useRunBlocker } from '../run/useRunBlocker';
import { useStore } from '../store/useStore';
import { formatCost, formatMs, shortRunId } from './format';

export { answerNodeId } from '../run/useRunBlocker';

export function RunPanel() {
  const { api, runs } = useServices();
  const blocker = useRunBlocker();
  const workflowId = useStore((s) => s.viewing?.meta.id ?? s.meta.id);
  const viewingRun = useStore((s) => s.viewing?.runId);
  const active = useStore((s) => s.run !== null && !isFinished(s.run.status));
  const [history, setHistory] = useState<RunSummary[] | undefined | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (active) return;
    let live = true;
    api.listRuns(workflowId).then((r) => { if (live) setHistory(r); }).catch(() => { if (live) setHistory(undefined); });
    return () => { live = false; };
  }, [api, active, workflowId]);

  const open = (id: string) => { setError(null); runs.view(id).catch((e: Error) => setError(`Could not open run ${id}: ${e.message}`)); };

  return (
    <section className="panel run-panel" aria-labelledby="run-title">
      <h2 id="run-title">Run</h2>
      {blocker ? <p id="run-blocker" className="run-blocker" role="status" data-testid="run-blocker">{blocker}</p>
        : <p className="muted">Ready: Run in the toolbar, or Ctrl+Enter.</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
      <section aria-labelledby="history-title" className="run-history">
        <h3 id="history-title">Runs of this workflow</h3>
        {history === undefined && <p className="muted">This server keeps no run history.</p>}
        {history && history.length === 0 && <p className="muted">No runs yet.</p>}
        {history && history.length > 0 && (
          <table className="history-table" data-testid="run-history">
            <thead><tr><th>status</th><th>started</th><th>took</th><th>tokens</th><th>cost</th></tr></thead>
            <tbody>
              {history.slice(0, 20).map((r) => (
                <tr key={r.id} className={r.id === viewingRun ? 'current' : undefined}>
                  <td><span className={`badge ${r.status}`}>{r.status}</span></td>
                  <td><button type="button" className="link" onClick={() => open(r.id)} title="Open this run with the workflow it ran">
                    <span className="sr-only">Open run {r.id}, started</span> {r.createdAt ? new Date(r.createdAt).toLocaleString() : shortRunId(r.id)}</button></td>
                  <td>{r.createdAt && r.finishedAt ? formatMs(Date.parse(r.finishedAt) - Date.parse(r.createdAt)) : '—'}</td>
                  <td data-unit={r.inputTokens != null ? 'tokens' : undefined}>{r.inputTokens != null ? `${r.inputTokens}→${r.outputTokens ?? 0}` : '—'}</td>
                  <td>{r.costUsd != null ? formatCost(r.costUsd) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
