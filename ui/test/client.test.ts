// @vitest-environment node
// The API client against a real loopback server that behaves like a Catalyst with or without the optional endpoints.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, ApiError, unwrapList } from '../src/api/client';
import { hello } from './fixtures';

let server: Server;
let base = '';
const requests: { method: string; url: string; body: string; type?: string }[] = [];
const stored = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, body, type: req.headers['content-type'] });
      const json = (status: number, value: unknown) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(value)); };
      if (req.url === '/api/models') return json(200, { models: [{ provider: 'groq', id: 'm', kind: 'chat' }] });
      if (req.url === '/api/secrets') return json(200, [{ name: 'anthropic', source: 'env' }, 'openai']);
      if (req.url === '/api/runs' && req.method === 'POST') return json(201, { id: 'r1', status: 'queued' });
      if (req.url === '/api/workflows/hello' && req.method === 'PUT') {
        if (!stored.has('hello')) return json(404, { error: { code: 'not_found', message: 'no workflow hello' } });
        return json(200, JSON.parse(body));
      }
      if (req.url === '/api/workflows' && req.method === 'POST') {
        if (stored.has(JSON.parse(body).id)) return json(409, { error: { code: 'conflict', message: 'a workflow with id hello exists' } });
        stored.add(JSON.parse(body).id);
        return json(201, { id: JSON.parse(body).id, version: 1, valid: true, errors: [] });
      }
      if (req.url === '/api/workflows/hello/rename' && req.method === 'POST') return json(200, { id: JSON.parse(body).id, previousId: 'hello' });
      if (req.url === '/api/workflows/hello/versions') return json(200, { versions: [{ version: 2, name: 'Hello', savedAt: '2026-01-01T00:00:00Z' }] });
      if (req.url === '/api/workflows/hello/versions/1/restore' && req.method === 'POST') return json(200, { id: 'hello', version: 3, valid: true, errors: [] });
      if (req.url === '/api/runs?workflowId=hello') return json(200, { runs: [{ id: 'r1', status: 'completed', workflowId: 'hello', costUsd: 0.5 }] });
      if (req.url === '/api/workflows/validate') return json(400, { error: { code: 'invalid_request', message: 'bad JSON at 1:2' } });
      if (req.url === '/api/runs/r1/cancel') { res.writeHead(204); return res.end(); }
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not here');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('Api', () => {
  it('unwraps lists and normalises secret names', async () => {
    const api = new Api(base);
    expect(await api.models()).toEqual([{ provider: 'groq', id: 'm', kind: 'chat' }]);
    expect(await api.secrets()).toEqual([{ name: 'anthropic', source: 'env' }, { name: 'openai' }]);
  });

  it('answers undefined for optional endpoints the server lacks', async () => {
    const api = new Api(base);
    expect(await api.listRuns()).toBeUndefined();
    expect(await api.listWorkflows()).toBeUndefined();
  });

  it('creates a workflow with POST (refused when the id is taken), updates with PUT, renames, lists versions and runs', async () => {
    const api = new Api(base);
    requests.length = 0;
    expect(await api.createWorkflow(hello)).toEqual({ id: 'hello', version: 1, valid: true, errors: [] });
    await expect(api.createWorkflow(hello)).rejects.toMatchObject({ status: 409, code: 'conflict' });
    await api.updateWorkflow(hello);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/workflows', 'POST /api/workflows', 'PUT /api/workflows/hello',
    ]);
    expect(JSON.parse(requests[0].body)).toEqual(hello);
    expect(await api.renameWorkflow('hello', 'greeting')).toEqual({ id: 'greeting', previousId: 'hello' });
    expect(JSON.parse(requests.at(-1)!.body)).toEqual({ id: 'greeting' });
    expect((await api.listVersions('hello')).map((v) => v.version)).toEqual([2]);
    expect((await api.restoreVersion('hello', 1)).version).toBe(3);
    expect((await api.listRuns('hello'))!.map((r) => r.costUsd)).toEqual([0.5]);
    // every state-changing request is JSON (the server's edge refuses others)
    expect(requests.filter((r) => r.method !== 'GET').map((r) => r.type)).toEqual(Array(5).fill('application/json'));
  });

  it('starts and cancels runs', async () => {
    const api = new Api(base);
    expect(await api.startRun(hello, { topic: 'otters' })).toEqual({ id: 'r1', status: 'queued' });
    expect(JSON.parse(requests.at(-1)!.body)).toEqual({ workflow: hello, inputs: { topic: 'otters' } });
    await expect(api.cancelRun('r1')).resolves.toBeUndefined();
    expect(requests.at(-1)).toMatchObject({ method: 'POST', type: 'application/json', body: '{}' });
    expect(api.eventsUrl('r 1')).toBe(`${base}/api/runs/r%201/events`);
  });

  it('turns error bodies into ApiError with the server code and message; plain-text errors keep the status', async () => {
    const api = new Api(base);
    await expect(api.validate(hello)).rejects.toMatchObject({ status: 400, code: 'invalid_request', message: 'bad JSON at 1:2' });
    const err = await api.nodes().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'http_404' });
  });

  it('rejects a response that is not a list', () => {
    expect(() => unwrapList({ nope: 1 }, 'models')).toThrow('expected a list of models');
  });
});
