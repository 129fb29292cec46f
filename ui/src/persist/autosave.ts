// Autosave: every change is kept as a draft in localStorage (so a reload never loses work) and,
// debounced, stored on the server when it has the workflows API.
// A save never writes over another workflow: a workflow this canvas has not stored yet is created
// (POST, refused when its id is taken); only one it created or opened is updated (PUT).
import type { WorkflowJson } from '../api/types';
import { stripSecrets } from '../graph/secrets';

const DRAFT_KEY = 'catalyst.draft';
const SERVER_ID_KEY = 'catalyst.draft.serverId';

export type SaveState = 'idle' | 'pending' | 'saved-server' | 'saved-local' | 'error';

export interface SaveApi {
  createWorkflow(wf: WorkflowJson): Promise<unknown>;
  updateWorkflow(wf: WorkflowJson): Promise<unknown>;
}

/**
 * What to save and where: `serverId` is the id of the stored workflow this canvas edits, or null
 * for one the server does not have yet.
 */
export interface SaveJob { wf: WorkflowJson; serverId: string | null }

export function saveDraft(storage: Storage, job: SaveJob): void {
  storage.setItem(DRAFT_KEY, JSON.stringify(stripSecrets(job.wf).value));
  if (job.serverId === null) storage.removeItem(SERVER_ID_KEY); else storage.setItem(SERVER_ID_KEY, job.serverId);
}

export function loadDraft(storage: Storage): unknown {
  const raw = storage.getItem(DRAFT_KEY);
  if (!raw) return undefined;
  try { return JSON.parse(raw); } catch { return undefined; }
}

/** The stored workflow the draft belongs to (null: not stored yet). */
export function loadDraftServerId(storage: Storage): string | null {
  return storage.getItem(SERVER_ID_KEY);
}

export interface SaveEvents {
  onState(s: SaveState, detail?: string): void;
  /** The server now has the workflow under this id: later saves update it. */
  onStored(id: string): void;
}

export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: SaveJob | null = null;
  private serverAvailable = true;
  /** Saves under way: waiting for what is pending also waits for these. */
  private inflight: Promise<unknown> = Promise.resolve();
  /** Ids this canvas created: a save racing the answer to the create updates, never creates twice. */
  private readonly created = new Set<string>();

  private events: SaveEvents = { onState: () => undefined, onStored: () => undefined };

  constructor(
    private readonly api: SaveApi,
    private readonly storage: Storage,
    private readonly delayMs = 1000,
  ) {}

  /** Who hears about saves (the page); returns the way to stop listening. */
  listen(events: SaveEvents): () => void {
    this.events = events;
    return () => { if (this.events === events) this.events = { onState: () => undefined, onStored: () => undefined }; };
  }

  schedule(job: SaveJob): void {
    try { saveDraft(this.storage, job); } catch (e) { this.events.onState('error', `could not keep a local draft: ${(e as Error).message}`); }
    // Another workflow replaced the one waiting to be saved (New, Open): that one is saved now, not dropped.
    if (this.pending && this.pending.wf.id !== job.wf.id) void this.flushPending();
    if (this.timer) clearTimeout(this.timer);
    this.pending = job;
    this.events.onState('pending');
    this.timer = setTimeout(() => { void this.flushPending(); }, this.delayMs);
  }

  /** Saves what is waiting at once, and returns when every save under way has ended (before New, Open, a rename). */
  async flushPending(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const job = this.pending;
    this.pending = null;
    if (job) this.inflight = Promise.all([this.inflight, this.flush(job)]);
    await this.inflight;
  }

  /** Saves this workflow now (the Save button), with whatever was waiting. */
  async saveNow(job: SaveJob): Promise<void> {
    if (this.pending && this.pending.wf.id !== job.wf.id) await this.flushPending();
    this.pending = job;
    await this.flushPending();
  }

  async flush({ wf, serverId }: SaveJob): Promise<void> {
    if (!this.serverAvailable) { this.events.onState('saved-local'); return; }
    const clean = stripSecrets(wf).value as WorkflowJson;
    const known = serverId === wf.id || this.created.has(wf.id);
    if (serverId !== null && !known) {
      this.events.onState('error', `not saved: this workflow is stored as '${serverId}'; rename it to change its id`);
      return;
    }
    // An empty new workflow is not worth a stored copy.
    if (!known && wf.nodes.length === 0) { this.events.onState('idle'); return; }
    try {
      if (known) {
        await this.api.updateWorkflow(clean);
      } else {
        await this.api.createWorkflow(clean);
        this.created.add(wf.id);
        this.events.onStored(wf.id);
      }
      this.events.onState('saved-server');
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status === 409) {
        this.events.onState('error', `not saved on the server: another workflow has the id '${wf.id}'. This one is kept in this browser; give it another id in the Workflow panel.`);
        return;
      }
      // No workflows API (or server down): keep saving locally; try the server again on the next reload.
      if (status === 404 || status === 405 || status === 501 || status === undefined || status === 0) this.serverAvailable = false;
      this.events.onState(status && status >= 400 && status < 500 && status !== 404 && status !== 405 ? 'error' : 'saved-local', (e as Error).message);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
