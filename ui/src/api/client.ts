// The HTTP API as the canvas uses it. Optional endpoints (secrets, run history, stored workflows)
// answer `undefined` when the server does not have them, so the UI can degrade instead of failing.
import type {
  ModelInfo, NodeTypeSpec, RunStatus, RunSummary, SavedWorkflow, SecretInfo, SecretTest, ValidationResult, VersionInfo, WorkflowJson,
} from './types';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

const TOKEN_KEY = 'catalyst.token';

export class Api {
  constructor(private readonly base = '', private readonly fetchImpl: typeof fetch = (...a) => fetch(...a)) {}

  /** The bearer token (CATALYST_TOKEN) the user entered, if the server asks for one. */
  static token(): string | null {
    try { return localStorage.getItem(TOKEN_KEY); } catch { return null; }
  }

  static setToken(token: string): void {
    localStorage.setItem(TOKEN_KEY, token);
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const token = Api.token();
    return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
  }

  url(path: string): string {
    return this.base + path;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetchImpl(this.url(path), {
      method,
      headers: this.headers(body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw await errorOf(res);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  private async optional<T>(method: string, path: string, body?: unknown): Promise<T | undefined> {
    try {
      return await this.request<T>(method, path, body);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 501)) return undefined;
      throw e;
    }
  }

  nodes() { return this.request<NodeTypeSpec[]>('GET', '/api/nodes'); }
  async models() { return unwrapList<ModelInfo>(await this.request<unknown>('GET', '/api/models'), 'models'); }
  async secrets(): Promise<SecretInfo[] | undefined> {
    const raw = await this.optional<unknown>('GET', '/api/secrets');
    if (raw === undefined) return undefined;
    return unwrapList<SecretInfo | string>(raw, 'secrets').map((s) => (typeof s === 'string' ? { name: s } : s));
  }
  /** Stores a key under `name` (write-only: the answer holds the name, store and time, never the value). */
  putSecret(name: string, value: string) { return this.request<SecretInfo>('PUT', `/api/secrets/${encodeURIComponent(name)}`, { value }); }
  deleteSecret(name: string) { return this.request<void>('DELETE', `/api/secrets/${encodeURIComponent(name)}`); }
  testSecret(name: string) { return this.request<SecretTest>('POST', `/api/secrets/${encodeURIComponent(name)}/test`, {}); }
  validate(wf: WorkflowJson) { return this.request<ValidationResult>('POST', '/api/workflows/validate', wf); }
  async listWorkflows() {
    const raw = await this.optional<unknown>('GET', '/api/workflows');
    return raw === undefined ? undefined : unwrapList<{ id: string; name?: string }>(raw, 'workflows');
  }
  getWorkflow(id: string) { return this.request<WorkflowJson>('GET', `/api/workflows/${encodeURIComponent(id)}`); }
  /** Stores a new workflow; refused (409 conflict) when its id is taken, so nothing is replaced. */
  createWorkflow(wf: WorkflowJson) { return this.request<SavedWorkflow>('POST', '/api/workflows', wf); }
  /** Stores a new version of the workflow at its id. */
  updateWorkflow(wf: WorkflowJson) { return this.request<SavedWorkflow>('PUT', `/api/workflows/${encodeURIComponent(wf.id)}`, wf); }
  async listVersions(id: string) {
    return unwrapList<VersionInfo>(await this.request<unknown>('GET', `/api/workflows/${encodeURIComponent(id)}/versions`), 'versions');
  }
  getVersion(id: string, version: number) {
    return this.request<VersionInfo & { workflow: WorkflowJson }>('GET', `/api/workflows/${encodeURIComponent(id)}/versions/${version}`);
  }
  restoreVersion(id: string, version: number) {
    return this.request<SavedWorkflow>('POST', `/api/workflows/${encodeURIComponent(id)}/versions/${version}/restore`, {});
  }
  /** Gives a stored workflow a new id; refused (409) when another workflow has it. */
  renameWorkflow(from: string, to: string) {
    return this.request<{ id: string; previousId: string }>('POST', `/api/workflows/${encodeURIComponent(from)}/rename`, { id: to });
  }
  startRun(workflow: WorkflowJson, inputs: Record<string, unknown>) {
    return this.request<{ id: string; status: RunStatus }>('POST', '/api/runs', { workflow, inputs });
  }
  // an empty JSON body: every state-changing request is application/json (the server's edge checks it)
  cancelRun(id: string) { return this.request<unknown>('POST', `/api/runs/${encodeURIComponent(id)}/cancel`, {}); }
  async listRuns(workflowId?: string): Promise<RunSummary[] | undefined> {
    const raw = await this.optional<unknown>('GET', workflowId === undefined ? '/api/runs' : `/api/runs?workflowId=${encodeURIComponent(workflowId)}`);
    return raw === undefined ? undefined : unwrapList<RunSummary>(raw, 'runs');
  }
  /** The exact workflow a run ran. */
  runWorkflow(runId: string) { return this.request<WorkflowJson>('GET', `/api/runs/${encodeURIComponent(runId)}/workflow`); }
  health() { return this.request<{ status: string; version?: string; simulate?: boolean }>('GET', '/api/health'); }
  eventsUrl(runId: string) { return this.url(`/api/runs/${encodeURIComponent(runId)}/events`); }
}

/** Accepts a bare list or one wrapped as `{ <key>: [...] }` (or `{ items: [...] }`). */
export function unwrapList<T>(raw: unknown, key: string): T[] {
  if (Array.isArray(raw)) return raw as T[];
  if (raw && typeof raw === 'object') {
    const obj = raw as Record<string, unknown>;
    for (const k of [key, 'items', 'data']) if (Array.isArray(obj[k])) return obj[k] as T[];
  }
  throw new ApiError(0, 'bad_response', `expected a list of ${key}`);
}

export async function errorOf(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = `${res.status} ${res.statusText}`.trim();
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body?.error?.code) code = body.error.code;
    if (body?.error?.message) message = body.error.message;
  } catch { /* not JSON: keep the status line */ }
  return new ApiError(res.status, code, message);
}

export const api = new Api();
