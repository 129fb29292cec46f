// The workflow's id. A stored workflow changes its id by a rename on the server, which refuses an id
// another workflow has; a workflow not stored yet just takes the new id (its first save creates it).
import { useEffect, useState } from 'react';
import { useServices } from '../hooks/services';
import { canvasStore, useStore } from '../store/useStore';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;

export function WorkflowIdField() {
  const { api, saves } = useServices();
  const id = useStore((s) => s.meta.id);
  const savedId = useStore((s) => s.savedId);
  // an old run's workflow on show is not renamed from here
  const viewing = useStore((s) => s.viewing !== null);
  const [draft, setDraft] = useState(id);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { setDraft(id); setError(null); }, [id]);

  const commit = async () => {
    const next = draft.trim();
    if (next === id) return;
    if (!ID.test(next)) { setError('An id is 1-200 letters, digits, _, . or -, starting with a letter or digit.'); return; }
    setError(null);
    const st = canvasStore.getState();
    if (savedId === null) { st.setMeta({ id: next }, 'id'); return; }
    setBusy(true);
    try {
      // what is waiting goes to the old id first, so nothing lands on it after the rename
      await saves.flushPending();
      await api.renameWorkflow(savedId, next);
      st.renamed(next);
    } catch (e) {
      setError(`Not renamed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="field">
      <label htmlFor="wf-id">Id</label>
      <form className="add-row" onSubmit={(e) => { e.preventDefault(); void commit(); }}>
        <input id="wf-id" value={draft} readOnly={viewing} onChange={(e) => setDraft(e.target.value)} aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'wf-id-error' : undefined} />
        {draft.trim() !== id && !viewing && <button type="submit" disabled={busy}>Rename</button>}
      </form>
      {error && <p id="wf-id-error" className="field-error" role="alert">{error}</p>}
    </div>
  );
}
