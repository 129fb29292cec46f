// A rerun of the hardening attack (issue "Hardening") against `./catalyst start --simulate` on SQLite:
//   A. the expression freeze repro, posted twice, while /api/health is probed every 20 ms
//   B. hostile numbers in every integer config field of every node type (validate + run)
//   C. hostile sizes and ids: a 50,000-node workflow, NUL and 300-character ids, a malformed chunked
//      body, an unknown HTTP version
//   D. 200 concurrent runs of examples/hello.json: each run's live SSE events against its stored ones
// It prints one figure per line: 5xx answers, runs stuck, events missing, the longest health wait.
// Run: node bench/attack/rerun.mjs   (builds the server if needed; needs Node 20)
// The PostgreSQL outage part of the attack is the test StoreOutageApiTest (a TCP proxy the test controls).
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../ui/e2e/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const hello = JSON.parse(readFileSync(join(root, 'examples', 'hello.json'), 'utf8'));
const server = await startServer();
const url = server.url;
const figures = {};
let fivexx = 0;

async function post(path, body, raw = false) {
  const res = await fetch(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: raw ? body : JSON.stringify(body) });
  if (res.status >= 500) fivexx++;
  return { status: res.status, body: await res.text() };
}

async function events(runId) {
  const res = await fetch(`${url}/api/runs/${runId}/events`, { headers: { Accept: 'text/event-stream' } });
  const text = await res.text();
  return text.split('\n\n').filter((f) => f.includes('event:')).map((f) => {
    const line = (k) => f.split('\n').find((l) => l.startsWith(k + ':'))?.slice(k.length + 1).trim();
    return { id: line('id'), event: line('event'), data: line('data') };
  });
}

async function finalRun(runId) {
  const seen = await events(runId); // follows the live stream to its terminal event
  const run = await (await fetch(`${url}/api/runs/${runId}`)).json();
  return { seen, run };
}

function rawRequest(text) {
  return new Promise((resolve) => {
    const socket = connect(new URL(url).port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (d) => { answer += d; });
    socket.on('close', () => resolve(answer.split('\r\n')[0]));
    socket.on('error', () => resolve('error'));
    socket.setTimeout(60_000, () => socket.destroy());
  });
}

try {
  // A. the freeze repro, twice, with health probes
  const names = ['k1', 'k2', 'k4', 'k8', 'k16', 'k32', 'k64', 'k128', 'k256', 'k512'];
  let expr = `['${'a'.repeat(1024)}']`;
  for (const n of names) expr += `.map(${n}, [${n} + ${n}]`;
  expr += '.map(mb, mb.contains(k256 + \'b\')))' + ')'.repeat(names.length - 1);
  const freeze = { ...hello, id: 'freeze', nodes: [{ id: 'prompt', type: 'promptTemplate', config: { template: `Found: {{ ${expr} }}` } }],
    edges: [], outputs: {} };
  const started = await Promise.all([post('/api/runs', { workflow: freeze }), post('/api/runs', { workflow: freeze })]);
  const ids = started.map((s) => JSON.parse(s.body).id);
  let probing = true;
  const waits = [];
  const prober = (async () => {
    while (probing) {
      const t0 = performance.now();
      await fetch(`${url}/api/health`);
      waits.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const ends = await Promise.all(ids.map(finalRun));
  probing = false;
  await prober;
  figures['freeze repro: run statuses'] = ends.map((e) => `${e.run.status}/${e.run.error?.code}`).join(', ');
  figures['freeze repro: health probes'] = waits.length;
  figures['freeze repro: longest health wait ms'] = Math.max(...waits).toFixed(1);

  // B. hostile numbers in every integer field
  const nodes = await (await fetch(`${url}/api/nodes`)).json();
  const values = ['1e300', '-1', '9223372036854775808', '1.5', '"7"', '-1e300', '1E+20'];
  let cases = 0;
  let refused = 0;
  for (const type of nodes) {
    for (const [field, schema] of Object.entries(type.config?.properties ?? {})) {
      if (schema.type !== 'integer') continue;
      for (const v of values) {
        const node = `{"id":"n","type":"${type.type}","config":{"${field}":${v}}}`;
        const wf = `{"schemaVersion":1,"id":"num","name":"num","nodes":[${node}],"edges":[]}`;
        for (const path of ['/api/workflows/validate', '/api/runs']) {
          const body = path === '/api/runs' ? `{"workflow":${wf}}` : wf;
          const r = await post(path, body, true);
          cases++;
          // validate answers 200 with the issues; a run is refused with a 4xx; both must name the field
          const named = r.body.includes('invalid_config') && r.body.includes(field);
          if (named && (path === '/api/workflows/validate' ? r.status === 200 : r.status >= 400 && r.status < 500)) refused++;
        }
      }
    }
  }
  figures['hostile numbers: requests'] = cases;
  figures['hostile numbers: refused as invalid_config naming the field'] = refused;

  // C. sizes and ids
  const big = { schemaVersion: 1, id: 'big', name: 'big', edges: [],
    nodes: Array.from({ length: 50_000 }, (_, i) => ({ id: `n${i}`, type: 'promptTemplate', config: { template: 'x' } })) };
  let t0 = performance.now();
  const bigRun = await post('/api/runs', { workflow: big });
  figures['50,000 nodes: status'] = `${bigRun.status} in ${(performance.now() - t0).toFixed(0)} ms`;
  figures['NUL id: status'] = (await post('/api/workflows', { ...hello, id: 'a\u0000b' })).status;
  figures['300-char id: status'] = (await post('/api/workflows', { ...hello, id: 'x'.repeat(300) })).status;
  figures['NUL name: status'] = (await post('/api/workflows', { ...hello, id: 'nulname', name: 'a\u0000b' })).status;
  figures['malformed chunked body'] = await rawRequest('POST /api/workflows/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n'
    + 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n');
  figures['HTTP/1.7 request'] = await rawRequest('GET /api/health HTTP/1.7\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');

  // D. 200 concurrent runs: every event a client saw is stored, and every run ends in one state
  const runs = await Promise.all(Array.from({ length: 200 }, () => post('/api/runs', { workflow: hello })));
  const finished = await Promise.all(runs.map((r) => finalRun(JSON.parse(r.body).id)));
  let stuck = 0;
  let missing = 0;
  for (const f of finished) {
    if (!['completed', 'failed', 'cancelled'].includes(f.run.status)) stuck++;
    const stored = await events(f.run.id);
    const storedKeys = new Set(stored.map((e) => `${e.id}|${e.event}|${e.data}`));
    missing += f.seen.filter((e) => !storedKeys.has(`${e.id}|${e.event}|${e.data}`)).length;
    const last = f.seen.at(-1)?.event;
    if (`run.${f.run.status}` !== last) stuck++;
  }
  figures['200 concurrent runs: stuck or disagreeing'] = stuck;
  figures['200 concurrent runs: events seen but not stored'] = missing;
  figures['5xx answers in all'] = fivexx;
} finally {
  await server.close();
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`machine: ${(await import('node:os')).cpus().length} cores; load average after: ${load}`);
for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${v}`);
