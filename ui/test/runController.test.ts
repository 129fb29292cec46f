// @vitest-environment node
// The run controller against a loopback server speaking the run API: start, stream, cancel, resume.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from '../src/api/client';
import { RunController } from '../src/run/runController';
import { loadRun } from '../src/run/runSession';
import { createCanvasStore } from '../src/store/store';
import { hello, registry } from './fixtures';
import { MemoryStorage } from './support/memoryStorage';

const TOKENS = ['Sleek ', 'otters ', 'glide ', 'through ', 'kelp.'];
const events = (runId: string) => [
  { name: 'run.started', data: { runId, workflowId: 'hello' } },
  { name: 'node.started', data: { nodeId: 'claude', type: 'anthropicCompletion' } },
  ...TOKENS.map((text, index) => ({ name: 'token', data: { nodeId: 'claude', text, index } })),
  { name: 'node.completed', data: { nodeId: 'claude', output: { text: TOKENS.join('') }, usage: { inputTokens: 9, outputTokens: 5 }, costUsd: 0.0002, latencyMs: 50, ttftMs: 10 } },
  { name: 'run.completed', data: { runId, outputs: { answer: TOKENS.join('') } } },
].map((e, i) => ({ id: i + 1, ...e }));

let server: Server;
let base: string;
const received: { url: string; lastEventId?: string; body?: string }[] = [];
let hold: ((res: ServerResponse, req: IncomingMessage) => boolean) | null = null;

beforeEach(async () => {
  received.length = 0;
  hold = null;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ url: req.url!, lastEventId: req.headers['last-event-id'] as string | undefined, body });
      if (req.url === '/api/runs' && req.method === 'POST') {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ id: 'run-1', status: 'queued' }));
      }
      if (req.url === '/api/runs/run-1/cancel') { res.writeHead(202, { 'Content-Type': 'application/json' }); return res.end('{}'); }
      if (req.url === '/api/runs/run-1/events') {
        if (hold?.(res, req)) return;
        const after = Number(req.headers['last-event-id'] ?? 0);
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        return res.end(events('run-1').filter((e) => e.id > after).map((e) => `id: ${e.id}\nevent: ${e.name}\ndata: ${JSON.stringify(e.data)}\n\n`).join(''));
      }
      res.writeHead(404); res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

function setup() {
  const store = createCanvasStore();
  store.getState().setRegistry(registry);
  store.getState().load(hello);
  const storage = new MemoryStorage();
  return { store, storage, runs: new RunController(store, new Api(base), storage) };
}

describe('RunController', () => {
  it('starts a run with the canvas workflow, streams it into the store and keeps it for a reload', async () => {
    const { store, storage, runs } = setup();
    await runs.start({ topic: 'otters' });
    expect(JSON.parse(received[0].body!)).toEqual({ workflow: hello, inputs: { topic: 'otters' } });
    const run = store.getState().run!;
    expect(run).toMatchObject({ runId: 'run-1', status: 'completed', outputs: { answer: TOKENS.join('') }, lastSeq: 9 });
    expect(run.nodes.claude).toMatchObject({ text: TOKENS.join(''), tokenCount: 5, ttftMs: 10, latencyMs: 50, costUsd: 0.0002 });
    expect(loadRun(storage)).toMatchObject({ runId: 'run-1', lastEventId: '9' });
    expect(store.getState().runConnection).toBeNull();
  });

  it('resumes a saved run from its last event id after a reload, without duplicating text', async () => {
    const first = setup();
    // The first page sees events 1..4 (two tokens), then the page goes away.
    hold = (res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(events('run-1').slice(0, 4).map((e) => `id: ${e.id}\nevent: ${e.name}\ndata: ${JSON.stringify(e.data)}\n\n`).join(''));
      hold = null;
      return true;
    };
    const unsubscribe = first.store.subscribe((s) => { if (s.run?.lastSeq === 4) first.runs.stop(); });
    await first.runs.start({});
    unsubscribe();
    expect(first.store.getState().run!.nodes.claude.text).toBe('Sleek otters ');
    first.runs.flush();

    const page2 = setup();
    const storage = page2.storage;
    for (let i = 0; i < first.storage.length; i++) storage.setItem(first.storage.key(i)!, first.storage.getItem(first.storage.key(i)!)!);
    const resumed = new RunController(page2.store, new Api(base), storage);
    expect(await resumed.resume()).toBe(true);
    expect(received.at(-1)).toMatchObject({ url: '/api/runs/run-1/events', lastEventId: '4' });
    expect(page2.store.getState().run!.nodes.claude.text).toBe(TOKENS.join(''));
    expect(page2.store.getState().run!.status).toBe('completed');
  });

  it('has nothing to resume in a fresh tab, and shows a finished run without reconnecting', async () => {
    const { runs, store, storage } = setup();
    expect(await runs.resume()).toBe(false);
    await runs.start({});
    const count = received.length;
    const again = new RunController(store, new Api(base), storage);
    expect(await again.resume()).toBe(true);
    expect(received.length).toBe(count);
  });

  it('cancels the running run through the API', async () => {
    const { runs, store } = setup();
    store.getState().setRun({ runId: 'run-1', status: 'running', lastSeq: 3, nodes: {} });
    await runs.cancel();
    expect(received.at(-1)!.url).toBe('/api/runs/run-1/cancel');
  });

  it('marks the run failed with a clear error when its events are gone', async () => {
    const { runs, store } = setup();
    hold = (res) => { res.writeHead(404, { 'Content-Type': 'application/json' }); res.end('{"error":{"code":"not_found","message":"no run"}}'); return true; };
    await runs.open('run-1');
    expect(store.getState().run).toMatchObject({ status: 'failed', error: { code: 'stream_lost', message: 'run events: HTTP 404' } });
  });
});
