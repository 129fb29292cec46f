// Autosave: every change is kept as a draft in localStorage (so a reload never loses work) and,
// debounced, stored on the server when it has the workflows API.
import type { WorkflowJson } from '../api/types';
import { stripSecrets } from '../graph/secrets';

const DRAFT_KEY = 'catalyst.draft';

export type SaveState = 'idle' | 'pending' | 'saved-server' | 'saved-local' | 'error';

export interface SaveApi { saveWorkflow(wf: WorkflowJson): Promise<void> }

export function saveDraft(storage: Storage, wf: WorkflowJson): void {
  storage.setItem(DRAFT_KEY, JSON.stringify(stripSecrets(wf).value));
}

export function loadDraft(storage: Storage): unknown {
  const raw = storage.getItem(DRAFT_KEY);
  if (!raw) return undefined;
  try { return JSON.parse(raw); } catch { return undefined; }
}

export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private serverAvailable = true;

  constructor(
    private readonly api: SaveApi,
    private readonly storage: Storage,
    private readonly onState: (s: SaveState, detail?: string) => void,
    private readonly delayMs = 1000,
  ) {}

  schedule(wf: WorkflowJson): void {
    try { saveDraft(this.storage, wf); } catch (e) { this.onState('error', `could not keep a local draft: ${(e as Error).message}`); }
    if (this.timer) clearTimeout(this.timer);
    this.onState('pending');
    this.timer = setTimeout(() => { this.timer = null; void this.flush(wf); }, this.delayMs);
  }

  async flush(wf: WorkflowJson): Promise<void> {
    if (!this.serverAvailable) { this.onState('saved-local'); return; }
    try {
      await this.api.saveWorkflow(stripSecrets(wf).value);
      this.onState('saved-server');
    } catch (e) {
      // No workflows API (or server down): keep saving locally; try the server again on the next reload.
      const status = (e as { status?: number }).status;
      if (status === 404 || status === 405 || status === 501 || status === undefined || status === 0) this.serverAvailable = false;
      this.onState(status && status >= 400 && status < 500 && status !== 404 && status !== 405 ? 'error' : 'saved-local', (e as Error).message);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
