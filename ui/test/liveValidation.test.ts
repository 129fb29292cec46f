// @vitest-environment node
// Live validation against a loopback server: the server's answer when it has one, local checks
// while it cannot be reached; edits in quick succession are checked once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Api } from '../src/api/client';
import type { ValidationIssue, WorkflowJson } from '../src/api/types';
import { Autosaver, loadDraftServerId } from '../src/persist/autosave';
import { LiveValidator, TYPING_PAUSE_MS } from '../src/validation/liveValidator';
import { hello, registryMap } from './fixtures';
import { MemoryStorage } from './support/memoryStorage';

let server: Server | undefined;
const bodies: string[] = [];

async function serve(status: number, body: unknown): Promise<Api> {
  server = createServer((req, res) => {
    let b = '';
    req.on('data', (c) => { b += c; });
    req.on('end', () => {
      bodies.push(`${req.method} ${req.url} ${b}`);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return new Api(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

afterEach(async () => {
  bodies.length = 0;
  vi.useRealTimers();
  if (server) await new Promise<void>((r) => server!.close(() => r()));
  server = undefined;
});

const serverIssue: ValidationIssue = { nodeId: 'claude', field: 'config.temperature', code: 'invalid_config', message: 'must have a maximum value of 1', severity: 'error' };

describe('LiveValidator', () => {
  it('reports the server\'s issues', async () => {
    const api = await serve(200, { valid: false, errors: [serverIssue] });
    const results: [ValidationIssue[], string][] = [];
    const v = new LiveValidator(api, () => registryMap, (i, s) => results.push([i, s]));
    await v.run(hello);
    expect(results).toEqual([[[serverIssue], 'server']]);
    expect(JSON.parse(bodies[0].slice('POST /api/workflows/validate '.length))).toEqual(hello);
  });

  it('shows a rejected request as a workflow-level error from the server', async () => {
    const api = await serve(400, { error: { code: 'invalid_request', message: 'nodes must be a list' } });
    const results: [ValidationIssue[], string][] = [];
    await new LiveValidator(api, () => registryMap, (i, s) => results.push([i, s])).run(hello);
    expect(results).toEqual([[[{ code: 'invalid_request', message: 'nodes must be a list', severity: 'error' }], 'server']]);
  });

  it('falls back to local checks when the server has no validator or is down', async () => {
    const api = await serve(404, { error: { code: 'not_found', message: 'no route' } });
    const broken: WorkflowJson = { ...hello, edges: [] };
    const results: [ValidationIssue[], string][] = [];
    const v = new LiveValidator(api, () => registryMap, (i, s) => results.push([i, s]));
    await v.run(broken);
    const down = new LiveValidator(new Api('http://127.0.0.1:9'), () => registryMap, (i, s) => results.push([i, s]));
    await down.run(broken);
    expect(results.map(([i, s]) => [i.map((x) => `${x.nodeId}:${x.code}`), s])).toEqual([
      [['claude:missing_input'], 'local'], [['claude:missing_input'], 'local'],
    ]);
  });

  it('checks a burst of edits once, with the last version', async () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const v = new LiveValidator({ validate: async (wf) => { seen.push(wf.name ?? ''); return { valid: true, errors: [] }; } },
      () => registryMap, () => undefined, 300);
    for (const name of ['a', 'ab', 'abc']) v.schedule({ ...hello, name });
    await vi.advanceTimersByTimeAsync(299);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['abc']);
    v.schedule({ ...hello, name: 'late' });
    v.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual(['abc']);
  });
});

describe('LiveValidator waits for a pause in typing', () => {
  it('does not check while keys come 250 ms apart; checks once when they stop', async () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const v = new LiveValidator({ validate: async (wf) => { seen.push(wf.name ?? ''); return { valid: true, errors: [] }; } },
      () => registryMap, () => undefined);
    const typed = '{{ topic }}';
    for (let i = 1; i <= typed.length; i++) {
      v.schedule({ ...hello, name: typed.slice(0, i) });
      await vi.advanceTimersByTimeAsync(250);
    }
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS - 250 - 1);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['{{ topic }}']);
    v.dispose();
  });
});

describe('Autosaver', () => {
  const recorder = () => {
    const states: string[] = [];
    const stored: string[] = [];
    return { states, stored, events: { onState: (st: string) => { states.push(st); }, onStored: (id: string) => { stored.push(id); } } };
  };

  it('keeps a local draft at once; creates a new workflow with POST, then updates it with PUT', async () => {
    const api = await serve(200, {});
    const storage = new MemoryStorage();
    const r = recorder();
    const saver = new Autosaver(api, storage, 60_000);
    saver.listen(r.events);
    saver.schedule({ wf: hello, serverId: null });
    expect(JSON.parse(storage.getItem('catalyst.draft')!)).toEqual(hello);
    expect(loadDraftServerId(storage)).toBeNull();
    await saver.flushPending();
    // a save racing the answer to the create updates; it never creates twice
    await saver.flush({ wf: hello, serverId: null });
    await saver.flush({ wf: hello, serverId: 'hello' });
    expect(bodies.map((b) => b.split(' ').slice(0, 2).join(' '))).toEqual(['POST /api/workflows', 'PUT /api/workflows/hello', 'PUT /api/workflows/hello']);
    expect(r.stored).toEqual(['hello']);
    expect(r.states).toContain('saved-server');
    saver.dispose();
  });

  it('never writes over another workflow: a taken id is refused and the work stays in the browser', async () => {
    const api = await serve(409, { error: { code: 'conflict', message: 'exists' } });
    const storage = new MemoryStorage();
    const r = recorder();
    const saver = new Autosaver(api, storage, 60_000);
    saver.listen(r.events);
    saver.schedule({ wf: hello, serverId: null });
    await saver.flushPending();
    expect(bodies.map((b) => b.split(' ').slice(0, 2).join(' '))).toEqual(['POST /api/workflows']);
    expect(r.states.at(-1)).toBe('error');
    expect(r.stored).toEqual([]);
    expect(JSON.parse(storage.getItem('catalyst.draft')!)).toEqual(hello);
    // a workflow stored under another id is not saved under this one
    await saver.flush({ wf: hello, serverId: 'other' });
    expect(bodies).toHaveLength(1);
    saver.dispose();
  });

  it('saves the waiting workflow when another one replaces it, and stores no empty new workflow', async () => {
    const api = await serve(200, {});
    const saver = new Autosaver(api, new MemoryStorage(), 60_000);
    saver.schedule({ wf: hello, serverId: 'hello' });
    saver.schedule({ wf: { schemaVersion: 1, id: 'workflow-new', nodes: [], edges: [] }, serverId: null });
    await saver.flushPending();
    expect(bodies.map((b) => b.split(' ').slice(0, 2).join(' '))).toEqual(['PUT /api/workflows/hello']);
    saver.dispose();
  });

  it('saves only locally when the server has no workflows API, and never stores a key', async () => {
    const api = await serve(404, { error: { code: 'not_found', message: 'no route' } });
    const storage = new MemoryStorage();
    const r = recorder();
    const saver = new Autosaver(api, storage, 60_000);
    saver.listen(r.events);
    const withKey: WorkflowJson = structuredClone(hello);
    withKey.nodes[1].config.credential = 'sk-ant-api03-secretsecretsecret';
    saver.schedule({ wf: withKey, serverId: 'hello' });
    await saver.flushPending();
    await saver.flush({ wf: withKey, serverId: 'hello' });
    expect(bodies.map((b) => b.split(' ').slice(0, 2).join(' '))).toEqual(['PUT /api/workflows/hello']);
    expect(bodies.join('\n')).not.toContain('sk-ant');
    expect(r.states.slice(-2)).toEqual(['saved-local', 'saved-local']);
    expect(storage.getItem('catalyst.draft')).not.toContain('sk-ant');
    saver.dispose();
  });
});
