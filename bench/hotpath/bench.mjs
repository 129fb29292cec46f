// ./catalyst bench: the fake upstream, Catalyst (a workflow over POST /api/runs?stream=true and the
// /v1 gateway) and Portkey's gateway, measured interleaved against the direct upstream.
// Started by bench/hotpath/run.sh, which passes the JDK and the built jar in the environment.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stats } from '../lib/stats.mjs';
import { ProcessGroup, now, loadavg, cpuMs, threadCpuNs, cpuMsBetween, rssMb, heapUsedMb, catalystStartArgs, CATALYST_READY } from '../lib/processes.mjs';
import { streamOnce } from '../lib/stream.mjs';
import { TTFT_MS, GAP_MS, TOKENS, MODEL, startUpstream, benchWorkflow, directBody } from '../lib/upstream.mjs';
import { markdownReport } from './report.mjs';
import { plotSvg } from './plot.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

const { values: opts } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    levels: { type: 'string', default: '1,50,200,1000' },
    rounds: { type: 'string', default: '' },
    out: { type: 'string', default: path.join(ROOT, 'bench', 'target', 'hotpath') },
    'no-portkey': { type: 'boolean', default: false },
  },
});


const levels = opts.smoke ? [1] : opts.levels.split(',').map(Number);
// enough rounds per level that each system gets a few hundred samples where that is cheap
const roundsFor = (n) => (opts.rounds ? Number(opts.rounds) : opts.smoke ? 3 : n === 1 ? 60 : n <= 50 ? 8 : n <= 200 ? 4 : 2);

const procs = new ProcessGroup(ROOT);

async function round(system, n) {
  const cpu0 = system.pid ? cpuMs(system.pid) : 0;
  const samples = await Promise.all(Array.from({ length: n }, () => streamOnce(system)));
  const cpu = system.pid ? cpuMs(system.pid) - cpu0 : 0;
  return { samples, cpu };
}

function summarize(samples, cpu) {
  const ok = samples.filter((s) => !s.error && s.status >= 200 && s.status < 300 && s.recv.length === TOKENS);
  const errors = samples.length - ok.length;
  const firstErrors = [...new Set(samples.filter((s) => !ok.includes(s)).map((s) => s.error ?? `HTTP ${s.status}, ${s.recv.length} tokens`))].slice(0, 3);
  const ttft = ok.map((s) => s.recv[0] - s.t0);
  const hop = ok.map((s) => s.recv[0] - s.sent[0]);
  const toUpstream = ok.map((s) => s.arrived - s.t0);
  const gaps = ok.flatMap((s) => s.recv.slice(1).map((r, i) => r - s.recv[i]));
  return {
    requests: samples.length, errors, firstErrors,
    ttft: stats(ttft), toUpstream: stats(toUpstream), hop: stats(hop), gap: stats(gaps),
    // a stream whose 19 gaps all fell under 1 ms arrived in one piece: buffered
    buffered: ok.filter((s) => s.recv.slice(1).every((r, i) => r - s.recv[i] < 1)).length,
    cpuMsPerRequest: cpu / samples.length,
  };
}

async function main() {
  fs.mkdirSync(opts.out, { recursive: true });
  const logs = path.join(opts.out, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };

  const upstream = await startUpstream(procs, path.join(logs, 'upstream.log'));

  const home = procs.tempDir('catalyst-bench-home-');
  const java = path.join(process.env.JAVA_HOME, 'bin', 'java');
  const catalyst = await procs.start('Catalyst', java, catalystStartArgs(), {
    CATALYST_PORT: '0', CATALYST_BIND: '127.0.0.1', CATALYST_HOME: home, CATALYST_DB: '', CATALYST_TOKEN: '',
    CATALYST_RUNS_PER_MINUTE: '0', CATALYST_OPENAI_BASE_URL: `${upstream}/v1`, OPENAI_API_KEY: 'bench-dummy-key',
  }, CATALYST_READY, path.join(logs, 'catalyst.log'));
  const catalystUrl = catalyst.match[1].replace(/\/$/, '');

  let portkey = null;
  if (!opts.smoke && !opts['no-portkey']) {
    const entry = path.join(ROOT, 'bench', 'portkey', 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
    if (!fs.existsSync(entry)) throw new Error('Portkey is not installed: cd bench/portkey && npm ci --ignore-scripts');
    portkey = await procs.start('Portkey', process.execPath, ['--import', path.join(ROOT, 'bench', 'portkey', 'loopback.mjs'), entry, '--port=0', '--headless'],
      { NODE_ENV: 'production' }, /PORTKEY_PORT=(\d+)/, path.join(logs, 'portkey.log'));
  }

  const { messages } = directBody;
  const agent = () => new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const workflow = benchWorkflow('bench');
  const systems = [
    { name: 'direct upstream', url: `${upstream}/v1/chat/completions`, body: directBody, tokenEvent: 'message', headers: {} },
    ...(opts.smoke ? [] : [{ name: 'Catalyst /v1 gateway', url: `${catalystUrl}/v1/chat/completions`, body: { model: `openai/${MODEL}`, stream: true, messages },
      tokenEvent: 'message', headers: {}, pid: catalyst.child.pid }]),
    { name: 'Catalyst workflow', url: `${catalystUrl}/api/runs?stream=true`, body: { workflow }, tokenEvent: 'token', headers: {}, pid: catalyst.child.pid },
    ...(portkey ? [{ name: 'Portkey gateway', url: `http://127.0.0.1:${portkey.match[1]}/v1/chat/completions`, body: { model: MODEL, stream: true, messages },
      tokenEvent: 'message', headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream}/v1`, Authorization: 'Bearer bench-dummy-key' },
      pid: portkey.child.pid }] : []),
  ].map((s) => ({ ...s, agent: agent() }));

  // warm-up: JIT and connection pools, not measured
  for (const s of systems) for (let i = 0; i < (opts.smoke ? 2 : 40); i++) await round(s, opts.smoke ? 1 : 10);

  // what the servers burn with no request in flight, so CPU/req can be read against it
  const idleMs = opts.smoke ? 1000 : 5000;
  // one entry per process (the two Catalyst systems share one)
  const idle0 = [...new Map(systems.filter((s) => s.pid).map((s) => [s.pid, s.name.split(' ')[0]])).entries()].map(([pid, name]) => [name, pid, threadCpuNs(pid)]);
  await new Promise((r) => setTimeout(r, idleMs));
  const idleCpu = Object.fromEntries(idle0.map(([name, pid, c]) => [name, (cpuMsBetween(c, threadCpuNs(pid)) / idleMs) * 1000]));

  const results = [];
  for (const n of levels) {
    const load = { before: loadavg() };
    const per = new Map(systems.map((s) => [s.name, { samples: [], cpu: 0 }]));
    const rounds = roundsFor(n);
    for (let r = 0; r < rounds; r++) {
      // each round starts with the next system, so none always follows the same one
      for (let k = 0; k < systems.length; k++) {
        const s = systems[(r + k) % systems.length];
        const { samples, cpu } = await round(s, n);
        per.get(s.name).samples.push(...samples);
        per.get(s.name).cpu += cpu;
      }
    }
    load.after = loadavg();
    const level = { streams: n, rounds, load, systems: {} };
    for (const s of systems) level.systems[s.name] = summarize(per.get(s.name).samples, per.get(s.name).cpu);
    level.catalyst = { heapUsedMb: heapUsedMb(catalyst.child.pid), rssMb: rssMb(catalyst.child.pid) };
    if (portkey) level.portkey = { rssMb: rssMb(portkey.child.pid) };
    results.push(level);
    process.stderr.write(`${n} streams done (load ${load.after})\n`);
  }

  const report = { date: new Date().toISOString(), machine, idleCpuMsPerSecond: idleCpu, upstream: { ttftMs: TTFT_MS, gapMs: GAP_MS, tokens: TOKENS }, levels: results };
  fs.writeFileSync(path.join(opts.out, 'results.json'), JSON.stringify(report, null, 2));
  const md = markdownReport(report);
  fs.writeFileSync(path.join(opts.out, 'report.md'), md);
  process.stdout.write(md);
  if (!opts.smoke) {
    fs.writeFileSync(path.join(opts.out, 'plot.svg'), plotSvg(report));
    renderPng(path.join(opts.out, 'plot.svg'), path.join(opts.out, 'plot.png'));
  }
  await procs.stopAll();
  // the smoke run is a check: it fails when any request failed or a figure is missing
  if (opts.smoke) {
    const bad = results.flatMap((l) => Object.entries(l.systems)
      .filter(([, v]) => v.errors > 0 || !Number.isFinite(v.ttft.p50) || !Number.isFinite(v.hop.p50)).map(([k, v]) => `${k}: ${v.errors} errors ${v.firstErrors.join('; ')}`));
    if (!Number.isFinite(results[0].catalyst.heapUsedMb) || !Number.isFinite(results[0].catalyst.rssMb)) bad.push('no heap or RSS figure for Catalyst');
    if (bad.length) {
      process.stderr.write(`bench smoke failed:\n${bad.join('\n')}\nlogs: ${logs}\n`);
      process.exit(1);
    }
  }
  process.stderr.write(`results and process logs in ${opts.out}\n`);
}

/** The plot as PNG: Chromium headless screenshots the SVG (no network, fresh profile). */
function renderPng(svg, png) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-bench-chromium-'));
  try {
    execFileSync('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`,
      '--hide-scrollbars', '--window-size=960,600', `--screenshot=${png}`, `file://${svg}`], { stdio: 'ignore', timeout: 120_000 });
  } catch (e) {
    process.stderr.write(`no PNG (Chromium: ${e.message}); the SVG is in ${svg}\n`);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.message}\n`);
  procs.cleanup();
  process.exit(1);
});

