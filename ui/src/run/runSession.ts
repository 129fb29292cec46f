// Keeps the run being watched in sessionStorage so a reload resumes it. The folded view and its
// last sequence id are saved together, so the resumed stream continues exactly where the view ends.
import type { RunView } from './runView';

const KEY = 'catalyst.run';

export interface SavedRun { runId: string; lastEventId: string; view?: RunView }

export function saveRun(storage: Storage, view: RunView): void {
  const lastEventId = view.lastSeq > 0 ? String(view.lastSeq) : '';
  try {
    storage.setItem(KEY, JSON.stringify({ runId: view.runId, lastEventId, view } satisfies SavedRun));
  } catch {
    // Over quota: keep only the id; the view is then rebuilt by replaying the run from the start.
    try { storage.setItem(KEY, JSON.stringify({ runId: view.runId, lastEventId: '' })); } catch { /* nothing left to do */ }
  }
}

export function loadRun(storage: Storage): SavedRun | undefined {
  const raw = storage.getItem(KEY);
  if (!raw) return undefined;
  try {
    const saved = JSON.parse(raw) as SavedRun;
    if (typeof saved.runId !== 'string' || saved.runId === '') return undefined;
    // A view without its id (or the reverse) cannot be resumed safely: replay from the start.
    if (!saved.view || saved.view.runId !== saved.runId || String(saved.view.lastSeq || '') !== saved.lastEventId) {
      return { runId: saved.runId, lastEventId: '' };
    }
    return saved;
  } catch {
    return undefined;
  }
}

export function clearRun(storage: Storage): void {
  storage.removeItem(KEY);
}
