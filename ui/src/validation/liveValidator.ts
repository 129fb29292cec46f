// Validates the workflow as the user edits: debounced POST /api/workflows/validate; while the
// server cannot be reached, the local checks stand in so errors still show on nodes and fields.
import type { NodeTypeSpec, ValidationIssue, WorkflowJson } from '../api/types';
import { ApiError } from '../api/client';
import { localChecks } from './localChecks';

/**
 * How long the edits must pause before the workflow is checked: longer than the gap between the
 * keys of a slow typist, so `{{ to` is not reported while `{{ topic }}` is still being written.
 */
export const TYPING_PAUSE_MS = 600;

export interface ValidateApi { validate(wf: WorkflowJson): Promise<{ valid: boolean; errors: ValidationIssue[] }> }

export class LiveValidator {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  constructor(
    private readonly api: ValidateApi,
    private readonly registry: () => ReadonlyMap<string, NodeTypeSpec>,
    private readonly onResult: (issues: ValidationIssue[], source: 'server' | 'local') => void,
    private readonly delayMs = TYPING_PAUSE_MS,
  ) {}

  /** Schedules a check of `wf`; a newer call replaces a pending one, and a stale answer is dropped. */
  schedule(wf: WorkflowJson): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; void this.run(wf); }, this.delayMs);
  }

  async run(wf: WorkflowJson): Promise<void> {
    const mine = ++this.generation;
    try {
      const result = await this.api.validate(wf);
      if (mine === this.generation) this.onResult(result.errors ?? [], 'server');
    } catch (e) {
      if (mine !== this.generation) return;
      // A 4xx with an error body is the server's verdict on the request itself.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 404) {
        this.onResult([{ code: e.code, message: e.message, severity: 'error' }], 'server');
        return;
      }
      this.onResult(localChecks(wf, this.registry()), 'local');
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.generation++;
  }
}
