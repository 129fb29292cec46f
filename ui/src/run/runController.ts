// Starts, follows, resumes and cancels runs, feeding events into the store. Not React: the run
// panel calls it, and so does the page on load to resume a run that was being watched.
import type { StoreApi } from 'zustand/vanilla';
import type { Api } from '../api/client';
import type { Store } from '../store/store';
import { workflowOf } from '../store/store';
import { followEvents } from './eventStream';
import { clearRun, loadRun, saveRun } from './runSession';
import { applyMessage, emptyRun, isFinished, TERMINAL_EVENTS, type RunView } from './runView';

const SAVE_EVERY_MS = 200;

export class RunController {
  private abort: AbortController | null = null;
  private lastSave = 0;

  constructor(private readonly store: StoreApi<Store>, private readonly api: Api, private readonly storage: Storage) {}

  async start(inputs: Record<string, unknown>): Promise<void> {
    const s = this.store.getState();
    const started = await this.api.startRun(workflowOf(s), inputs);
    await this.follow(emptyRun(started.id, started.status), '');
  }

  /** Resumes the run this tab was watching before a reload, from its saved view and last event id. */
  async resume(): Promise<boolean> {
    const saved = loadRun(this.storage);
    if (!saved) return false;
    const view = saved.view ?? emptyRun(saved.runId, 'running');
    if (isFinished(view.status)) { this.store.getState().setRun(view); return true; }
    await this.follow(view, saved.lastEventId);
    return true;
  }

  /** Shows a past run by replaying its events from the start. */
  async open(runId: string): Promise<void> {
    await this.follow(emptyRun(runId, 'running'), '');
  }

  /**
   * Shows an old run on the workflow version it ran, read-only (the current work is kept aside),
   * with its events replayed. Not resumed after a reload: a reload is back to the work.
   */
  async view(runId: string): Promise<void> {
    const workflow = await this.api.runWorkflow(runId);
    this.stop();
    this.store.getState().viewRun(runId, workflow);
    await this.follow(emptyRun(runId, 'running'), '', false);
  }

  /** Back to the work from an old run on show. */
  leaveView(): void {
    this.stop();
    this.store.getState().stopViewing();
  }

  async cancel(): Promise<void> {
    const run = this.store.getState().run;
    if (!run || isFinished(run.status)) return;
    await this.api.cancelRun(run.runId);
  }

  stop(): void {
    this.abort?.abort();
    this.abort = null;
  }

  private async follow(initial: RunView, lastEventId: string, persist = true): Promise<void> {
    this.stop();
    const abort = new AbortController();
    this.abort = abort;
    const st = this.store.getState();
    st.setRun(initial);
    if (persist) this.save(initial, true);
    let view = initial;
    try {
      await followEvents({
        url: this.api.eventsUrl(initial.runId),
        lastEventId,
        headers: this.api.headers(),
        signal: abort.signal,
        isTerminal: (m) => TERMINAL_EVENTS.has(m.event),
        onConnectionChange: (c) => this.store.getState().setRunConnection(c),
        onMessage: (m) => {
          const next = applyMessage(view, m);
          if (next === view) return;
          view = next;
          this.store.getState().setRun(view);
          if (persist) this.save(view, isFinished(view.status));
        },
      });
    } catch (e) {
      view = { ...view, status: 'failed', error: { code: 'stream_lost', message: e instanceof Error ? e.message : String(e) } };
      this.store.getState().setRun(view);
      if (persist) clearRun(this.storage);
    } finally {
      if (this.abort === abort) this.abort = null;
      this.store.getState().setRunConnection(null);
    }
    if (persist && isFinished(view.status)) this.save(view, true);
  }

  // Saving is throttled; the view and its last id are always written together.
  private save(view: RunView, force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastSave < SAVE_EVERY_MS) return;
    this.lastSave = now;
    saveRun(this.storage, view);
  }

  /** Writes the latest view at once (the page is going away). */
  flush(): void {
    const run = this.store.getState().run;
    if (run) saveRun(this.storage, run);
  }
}
