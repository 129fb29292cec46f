// The versions the server kept of this workflow (one per save): list them, restore one. A restore
// makes that version the newest, so nothing after it is lost.
import { useState } from 'react';
import type { VersionInfo } from '../api/types';
import { useServices } from '../hooks/services';
import { canvasStore, useStore } from '../store/useStore';

export function WorkflowVersions() {
  const { api, saves } = useServices();
  const savedId = useStore((s) => s.savedId);
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (savedId === null) return null;

  const refresh = async () => {
    setError(null);
    try { await saves.flushPending(); setVersions(await api.listVersions(savedId)); } catch (e) { setError((e as Error).message); }
  };
  const restore = async (v: VersionInfo) => {
    if (!window.confirm(`Make version ${v.version} (${new Date(v.savedAt).toLocaleString()}) the current one? The versions after it stay in this list.`)) return;
    try {
      await saves.flushPending();
      await api.restoreVersion(savedId, v.version);
      canvasStore.getState().load(await api.getWorkflow(savedId), savedId);
      setVersions(await api.listVersions(savedId));
    } catch (e) { setError((e as Error).message); }
  };

  return (
    <details className="versions" onToggle={(e) => { if ((e.target as HTMLDetailsElement).open) void refresh(); }}>
      <summary>Versions</summary>
      {error && <p className="field-error" role="alert">{error}</p>}
      {versions && versions.length === 0 && <p className="muted">No versions yet.</p>}
      {versions && versions.length > 0 && (
        <ol className="version-list" data-testid="versions">
          {versions.map((v, i) => (
            <li key={v.version}>
              <span>v{v.version}</span> <span className="muted">{new Date(v.savedAt).toLocaleString()}</span>
              {i === 0 ? <span className="badge">current</span>
                : <button type="button" className="link" onClick={() => void restore(v)} aria-label={`Restore version ${v.version}`}>Restore</button>}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
