// @vitest-environment node
// The SSE follower against a real HTTP server on loopback that drops connections mid-run.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { followEvents, StreamGoneError } from '../src/run/eventStream';
import { applyMessage, emptyRun, TERMINAL_EVENTS, type RunView } from '../src/run/runView';
import { loadRun, saveRun } from '../src/run/runSession';
import type { SseMessage } from '../src/run/sseParser';
import { MemoryStorage } from './support/memoryStorage';

const WORDS = Array.from({ length: 30 }, (_, i) => `w${i} `);
const EVENTS = [
  ...WORDS.map((text, i) => ({ id: i + 1, name: 'token', data: { nodeId: 'claude', text, index: i } })),
  { id: 31, name: 'run.completed', data: { runId: 'r1', outputs: { answer: WORDS.join('') } } },
];
const frame = (e: (typeof EVENTS)[number]) => `id: ${e.id}\nevent: ${e.name}\ndata: ${JSON.stringify(e.data)}\n\n`;

type Plan = (req: IncomingMessage, res: ServerResponse, connection: number) => void;

let server: Server | undefined;
const seen: (string | undefined)[] = [];

async function serve(plan: Plan): Promise<string> {
  let connection = 0;
  server = createServer((req, res) => {
    seen.push(req.headers['last-event-id'] as string | undefined);
    plan(req, res, connection++);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/runs/r1/events`;
}

function from(req: IncomingMessage, overlap = 0) {
  const last = Number(req.headers['last-event-id'] ?? 0);
  return EVENTS.filter((e) => e.id > last - overlap);
}

function sse(res: ServerResponse) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.write(': ping\n\n');
}

afterEach(async () => {
  seen.length = 0;
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const isTerminal = (m: SseMessage) => TERMINAL_EVENTS.has(m.event);

describe('followEvents over loopback', () => {
  it('reconnects after dropped connections with Last-Event-ID; replayed events are not duplicated', async () => {
    const url = await serve((req, res, n) => {
      sse(res);
      const events = from(req, n === 0 ? 0 : 3); // the server replays 3 events it already sent
      if (n === 0) { res.write(events.slice(0, 10).map(frame).join(''), () => res.socket?.destroy()); return; }
      if (n === 1) { res.end(events.slice(0, 12).map(frame).join('')); return; } // clean end, run not over
      res.end(events.map(frame).join(''));
    });
    let view: RunView = emptyRun('r1');
    const states: string[] = [];
    const result = await followEvents({
      url, isTerminal, backoffMs: () => 1,
      onMessage: (m) => { view = applyMessage(view, m); },
      onConnectionChange: (s) => states.push(s),
    });
    expect(result).toEqual({ kind: 'ended', lastEventId: '31' });
    expect(seen).toEqual([undefined, '10', '19']);
    expect(states.filter((s) => s === 'reconnecting')).toHaveLength(2);
    expect(view.nodes.claude.text).toBe(WORDS.join(''));
    expect(view.nodes.claude.tokenCount).toBe(30);
    expect(view.status).toBe('completed');
  });

  it('resumes after a page reload from the saved view and last event id', async () => {
    const url = await serve((req, res) => { sse(res); res.end(from(req).map(frame).join('')); });
    const storage = new MemoryStorage();
    let view: RunView = emptyRun('r1');
    const page1 = new AbortController();
    const first = await followEvents({
      url, isTerminal, signal: page1.signal,
      onMessage: (m) => {
        view = applyMessage(view, m);
        saveRun(storage, view);
        if (view.lastSeq === 17) page1.abort(); // the page goes away mid-run
      },
    });
    expect(first.kind).toBe('aborted');

    const saved = loadRun(storage)!;
    expect(saved.lastEventId).toBe('17');
    let resumed = saved.view!;
    await followEvents({ url, isTerminal, lastEventId: saved.lastEventId, onMessage: (m) => { resumed = applyMessage(resumed, m); } });
    expect(seen.at(-1)).toBe('17');
    expect(resumed.nodes.claude.text).toBe(WORDS.join(''));
    expect(resumed.status).toBe('completed');
  });

  it('stops with a clear error when the run does not exist', async () => {
    const url = await serve((_req, res) => { res.writeHead(404, { 'Content-Type': 'application/json' }); res.end('{"error":{"code":"not_found","message":"no run"}}'); });
    await expect(followEvents({ url, isTerminal, onMessage: () => undefined })).rejects.toBeInstanceOf(StreamGoneError);
  });

  it('gives up after the allowed number of failed reconnects', async () => {
    const url = await serve((_req, res) => { res.writeHead(503); res.end(); });
    await expect(followEvents({ url, isTerminal, onMessage: () => undefined, backoffMs: () => 1, maxAttempts: 2 }))
      .rejects.toThrow('gave up after 2 reconnects');
    expect(seen).toHaveLength(3);
  });
});
