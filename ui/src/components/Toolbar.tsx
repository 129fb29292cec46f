// File and edit commands: new, open (stored workflows), import, export, save, undo/redo. New and
// Open save what is waiting first, and ask before dropping work the server does not have.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { stripSecrets } from '../graph/secrets';
import { exportWorkflow, ImportError } from '../graph/workflow';
import type { SaveState } from '../persist/autosave';
import { canvasStore, useStore } from '../store/useStore';
import { workflowOf } from '../store/store';
import { useServices } from '../hooks/services';
import { RunControls } from './RunControls';

const SAVE_TEXT: Record<SaveState, string> = {
  idle: '', pending: 'Saving…', 'saved-server': 'Saved', 'saved-local': 'Saved in this browser', error: 'Not saved',
};

/** True when switching workflows would drop changes that only this browser has. */
export function unsavedWork(save: SaveState, nodeCount: number): boolean {
  return nodeCount > 0 && (save === 'error' || save === 'saved-local');
}

const SIMULATE_HELP = 'Answers come from local fakes, not real models. For real answers, set a key (e.g. ANTHROPIC_API_KEY) and start without --simulate.';

const DISCARD = 'This workflow has changes the server does not have (see the save state). Discard them?';

interface ToolbarProps { save: SaveState; saveDetail?: string; simulate?: boolean; extra?: ReactNode }

export function Toolbar({ save, saveDetail, simulate, extra }: ToolbarProps) {
  const { api, saves } = useServices();
  const name = useStore((s) => s.meta.name ?? s.meta.id);
  const canUndo = useStore((s) => s.past.length > 0);
  const canRedo = useStore((s) => s.future.length > 0);
  const hasNodes = useStore((s) => s.nodes.length > 0);
  const source = useStore((s) => s.validationSource);
  const file = useRef<HTMLInputElement>(null);
  const [stored, setStored] = useState<{ id: string; name?: string }[] | undefined>(undefined);
  const st = canvasStore.getState();

  useEffect(() => { api.listWorkflows().then(setStored).catch(() => setStored(undefined)); }, [api, save]);

  const doImport = async (f: File) => {
    try {
      // A workflow never holds a key: anything that looks like one is dropped on the way in.
      const { value, removed } = stripSecrets(JSON.parse(await f.text()) as unknown);
      st.load(value);
      st.showHint(`Imported ${f.name}.`, removed.length ? `Removed what looked like secrets: ${removed.join(', ')}` : undefined);
    } catch (e) {
      st.showHint(`Could not import ${f.name}: ${e instanceof ImportError || e instanceof SyntaxError ? e.message : String(e)}`);
    }
  };
  const doExport = () => {
    const wf = workflowOf(canvasStore.getState());
    const { text, removed } = exportWorkflow(wf);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url; a.download = `${wf.id || 'workflow'}.json`; a.click();
    URL.revokeObjectURL(url);
    if (removed.length) st.showHint(`Left out of the export (looked like secrets): ${removed.join(', ')}`);
  };
  // Waiting changes are saved first; work the server cannot take is dropped only when the user says so.
  const mayLeave = async () => {
    if (unsavedWork(save, canvasStore.getState().nodes.length) && !window.confirm(DISCARD)) return false;
    await saves.flushPending();
    return true;
  };
  const doNew = async () => { if (await mayLeave()) st.newWorkflow(); };
  const open = async (id: string) => {
    if (!(await mayLeave())) return;
    try { st.load(await api.getWorkflow(id), id); } catch (e) { st.showHint(`Could not open ${id}: ${(e as Error).message}`); }
  };

  return (
    <header className="toolbar" role="toolbar" aria-label="Workflow commands">
      <h1 className="brand">Catalyst</h1>
      <span className="wf-name" title={`workflow: ${name}`}>{name}</span>
      <button type="button" onClick={() => void doNew()}>New</button>
      {stored && stored.length > 0 && (
        <>
          <label htmlFor="open-workflow" className="sr-only">Open a stored workflow</label>
          <select id="open-workflow" value="" onChange={(e) => e.target.value && open(e.target.value)}>
            <option value="">Open…</option>
            {stored.map((w) => <option key={w.id} value={w.id}>{w.name ?? w.id}</option>)}
          </select>
        </>
      )}
      <button type="button" onClick={() => file.current?.click()}>Import</button>
      <input ref={file} type="file" accept="application/json,.json" className="sr-only" aria-label="Import workflow JSON" data-testid="import-file"
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void doImport(f); e.target.value = ''; }} />
      <button type="button" onClick={doExport}>Export</button>
      <button type="button" onClick={() => { const s = canvasStore.getState(); void saves.saveNow({ wf: workflowOf(s), serverId: s.savedId }); }}>Save</button>
      <span className="sep" />
      <button type="button" onClick={() => st.undo()} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">↶</button>
      <button type="button" onClick={() => st.redo()} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">↷</button>
      <span className="sep" />
      <RunControls />
      <span className="sep" />
      <button type="button" onClick={() => st.tidyUp()} disabled={!hasNodes} title="Lay the graph out so no cards overlap">Tidy up</button>
      {extra && <><span className="sep" />{extra}</>}
      <span className="spacer" />
      {simulate && (
        <span className="simulate" role="note" data-testid="simulate-badge" title={SIMULATE_HELP}>
          <span className="badge simulate-badge">Simulate</span>
          <span className="simulate-note">{SIMULATE_HELP}</span>
        </span>
      )}
      <span className={`save-state ${save}`} title={saveDetail} role="status">{SAVE_TEXT[save]}{save === 'error' && saveDetail ? `: ${saveDetail}` : ''}</span>
      <span className={`server-state ${source ?? 'none'}`} title={source === 'local' ? 'The server validator is not reachable; the canvas checks what it can.' : undefined}>
        {source === 'server' ? 'server connected' : source === 'local' ? 'offline: local checks' : ''}
      </span>
    </header>
  );
}
