// ./catalyst bench scale: Catalyst as docs/deploy.md deploys it — instances on one PostgreSQL
// database behind nginx — with 1 and with 3 instances, side by side on this machine, against the
// bench's paced fake upstream (bench/hotpath/fake-upstream.mjs). Three measures (issue 17):
//   1. added time to first token of a streamed run, through nginx, against the direct upstream
//      (and one instance without nginx, to show what nginx itself adds), in interleaved rounds;
//   2. completed runs per second with C clients running streamed runs back to back, per topology;
//   3. cross-instance event latency: a run started on instance A, followed by a subscriber on A
//      and one on B (GET /api/runs/{id}/events): when each event reached each subscriber.
// Each topology has its own fresh database, dropped at the end. Started by bench/scale/run.sh.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stats } from '../lib/stats.mjs';
import { ProcessGroup, now, loadavg, cpuMsOf, pidsNamed, threadCpuNs, cpuMsByKind, catalystStartArgs, CATALYST_READY } from '../lib/processes.mjs';
import { sse, stamps, streamOnce } from '../lib/stream.mjs';
import { startNginx } from '../lib/nginx.mjs';
import { TTFT_MS, GAP_MS, TOKENS, startUpstream, benchWorkflow, directBody } from '../lib/upstream.mjs';
import { markdownReport } from './report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

const { values: opts } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    levels: { type: 'string', default: '1,50' },
    rounds: { type: 'string', default: '' },
    clients: { type: 'string', default: '16,64,256' },
    seconds: { type: 'string', default: '20' },
    'cross-runs': { type: 'string', default: '300' },
    'cross-concurrency': { type: 'string', default: '1,20' },
    'warmup-seconds': { type: 'string', default: '30' },
    out: { type: 'string', default: path.join(ROOT, 'bench', 'target', 'scale') },
  },
});

/** A follower that still gets 404 after this many tries reports it as an error. */
const MAX_NOT_FOUND = 1000;
const PG = { host: '127.0.0.1', port: '5432', user: 'postgres' };

const levels = opts.smoke ? [1] : opts.levels.split(',').map(Number);
const roundsFor = (n) => (opts.rounds ? Number(opts.rounds) : opts.smoke ? 3 : n === 1 ? 60 : 8);
const clientLevels = opts.smoke ? [4] : opts.clients.split(',').map(Number);
const throughputSeconds = opts.smoke ? 2 : Number(opts.seconds);
const crossRuns = opts.smoke ? 6 : Number(opts['cross-runs']);
const crossLevels = opts.smoke ? [1] : opts['cross-concurrency'].split(',').map(Number);

const procs = new ProcessGroup(ROOT);
const databases = [];

function psql(sql) {
  execFileSync('psql', ['-h', PG.host, '-p', PG.port, '-U', PG.user, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function freshDatabase() {
  const name = `catalyst_bench_${process.pid}_${databases.length}`;
  psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  psql(`CREATE DATABASE ${name}`);
  databases.push(name);
  return name;
}

function dropDatabases() {
  for (const name of databases.splice(0)) {
    try {
      psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch (e) {
      process.stderr.write(`could not drop ${name}: ${e.message}\n`);
    }
  }
}
process.on('exit', dropDatabases);

const workflow = benchWorkflow('bench-scale');
const agent = () => new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** Instances on one fresh database, started one after the other (the first runs the migrations), and nginx in front. */
async function topology(name, count, upstream, logs) {
  const db = freshDatabase();
  const java = path.join(process.env.JAVA_HOME, 'bin', 'java');
  const instances = [];
  for (let i = 0; i < count; i++) {
    const home = procs.tempDir('catalyst-bench-scale-home-');
    const started = await procs.start(`${name} instance ${i}`, java, catalystStartArgs(), {
      CATALYST_PORT: '0', CATALYST_BIND: '127.0.0.1', CATALYST_HOME: home, CATALYST_TOKEN: '',
      CATALYST_DB: `postgresql://${PG.user}@${PG.host}:${PG.port}/${db}`,
      CATALYST_RUNS_PER_MINUTE: '0', CATALYST_OPENAI_BASE_URL: `${upstream}/v1`, OPENAI_API_KEY: 'bench-dummy-key',
    }, CATALYST_READY, path.join(logs, `${name}-${i}.log`));
    instances.push({ url: started.match[1].replace(/\/$/, ''), pid: started.child.pid });
  }
  const nginx = await startNginx(procs, procs.tempDir('catalyst-bench-nginx-'), instances.map((x) => new URL(x.url).host));
  return { name, db, instances, nginx: { url: nginx.url, pid: nginx.child.pid }, pids: [...instances.map((x) => x.pid), nginx.child.pid] };
}


/** Streamed runs sent to `url`; `pids` are the processes whose CPU counts (instances, nginx), `jvms` the instances. */
function runSystem(name, url, pids, jvms) {
  return { name, url: `${url}/api/runs?stream=true`, body: { workflow }, tokenEvent: 'token', headers: {}, pids, jvms, agent: agent() };
}

const completed = (s) => !s.error && s.status >= 200 && s.status < 300 && s.recv.length === TOKENS
  && (s.last === 'run.completed' || s.last === 'message');
const errorsOf = (samples) => [...new Set(samples.filter((s) => !completed(s))
  .map((s) => s.error ?? `HTTP ${s.status}, ${s.recv.length} tokens, last event ${s.last}`))].slice(0, 3);

/** 1. Time to first token, systems interleaved round by round. */
async function firstTokenLevels(systems) {
  for (const s of systems) for (let i = 0; i < (opts.smoke ? 2 : 30); i++) await Promise.all(Array.from({ length: opts.smoke ? 1 : 10 }, () => streamOnce(s)));
  const out = [];
  for (const n of levels) {
    const load = { before: loadavg() };
    const per = new Map(systems.map((s) => [s.name, { samples: [], cpu: 0 }]));
    const rounds = roundsFor(n);
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < systems.length; k++) {
        const s = systems[(r + k) % systems.length];
        const cpu0 = cpuMsOf(s.pids);
        const samples = await Promise.all(Array.from({ length: n }, () => streamOnce(s)));
        per.get(s.name).cpu += cpuMsOf(s.pids) - cpu0;
        per.get(s.name).samples.push(...samples);
      }
    }
    load.after = loadavg();
    const level = { streams: n, rounds, load, systems: {} };
    for (const s of systems) {
      const { samples, cpu } = per.get(s.name);
      const ok = samples.filter(completed);
      level.systems[s.name] = {
        requests: samples.length, errors: samples.length - ok.length, firstErrors: errorsOf(samples),
        ttft: stats(ok.map((x) => x.recv[0] - x.t0)), toUpstream: stats(ok.map((x) => x.arrived - x.t0)), hop: stats(ok.map((x) => x.recv[0] - x.sent[0])),
        cpuMsPerRequest: s.pids.length ? cpu / samples.length : NaN,
      };
    }
    out.push(level);
    process.stderr.write(`first token: ${n} streams done (load ${load.after})\n`);
  }
  return out;
}

/** 2. Runs per second: `clients` loops, each starting a streamed run when its last one ended. */
async function closedLoop(system, clients, seconds) {
  const samples = [];
  // PostgreSQL's processes (server and backends) are the machine's, shared by every database on it
  const postgres = pidsNamed('postgres');
  const cpu0 = cpuMsOf(system.pids);
  const pg0 = cpuMsOf(postgres);
  const threads0 = system.jvms.map((pid) => threadCpuNs(pid));
  const t0 = now();
  const until = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (now() < until) samples.push(await streamOnce(system));
  }));
  const elapsed = now() - t0;
  const byKind = {};
  system.jvms.forEach((pid, i) => {
    for (const [kind, ms] of Object.entries(cpuMsByKind(pid, threads0[i], threadCpuNs(pid)))) byKind[kind] = (byKind[kind] ?? 0) + ms;
  });
  return { samples, elapsedMs: elapsed, cpu: cpuMsOf(system.pids) - cpu0, pgCpu: cpuMsOf(postgres) - pg0, byKind };
}

async function throughputLevels(systems) {
  const out = [];
  const rounds = 2;
  for (const clients of clientLevels) {
    // not measured: each instance's JIT sees a third of the work, so three instances take longer to warm at a level
    for (const s of systems) await closedLoop(s, clients, throughputSeconds / 4);
    const load = { before: loadavg() };
    const per = new Map(systems.map((s) => [s.name, { samples: [], elapsedMs: 0, cpu: 0, pgCpu: 0, byKind: {} }]));
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < systems.length; k++) {
        const s = systems[(r + k) % systems.length];
        const got = await closedLoop(s, clients, throughputSeconds / rounds);
        const acc = per.get(s.name);
        acc.samples.push(...got.samples);
        acc.elapsedMs += got.elapsedMs;
        acc.cpu += got.cpu;
        acc.pgCpu += got.pgCpu;
        for (const [kind, ms] of Object.entries(got.byKind)) acc.byKind[kind] = (acc.byKind[kind] ?? 0) + ms;
      }
    }
    load.after = loadavg();
    const level = { clients, seconds: throughputSeconds, load, systems: {} };
    for (const s of systems) {
      const { samples, elapsedMs, cpu, pgCpu, byKind } = per.get(s.name);
      const ok = samples.filter(completed);
      level.systems[s.name] = {
        pgCpuMsPerRun: pgCpu / Math.max(1, samples.length),
        jvmCpuMsPerRunByKind: Object.fromEntries(Object.entries(byKind).map(([k, ms]) => [k, ms / Math.max(1, samples.length)])),
        runs: samples.length, completed: ok.length, errors: samples.length - ok.length, firstErrors: errorsOf(samples),
        runsPerSecond: ok.length / (elapsedMs / 1000), duration: stats(ok.map((x) => x.t1 - x.t0)),
        ttft: stats(ok.map((x) => x.recv[0] - x.t0)), cpuMsPerRun: cpu / Math.max(1, samples.length),
      };
    }
    out.push(level);
    process.stderr.write(`throughput: ${clients} clients done (load ${load.after})\n`);
  }
  return out;
}

/**
 * 3. One run started on `a` (its POST streams the owner's events) and followed on `b` from the start.
 * Resolves to per-event { seq, event, atA, atB, sent } and how many times b answered 404 first.
 */
async function followedRun(a, b, agents) {
  const atA = new Map();
  const atB = new Map();
  const sent = new Map();
  let follow = null;
  let notFound = 0;
  const owner = sse(`${a.url}/api/runs?stream=true`, { body: { workflow }, agent: agents.a }, (frame, t) => {
    atA.set(frame.id, { t, event: frame.event });
    if (frame.event === 'token') sent.set(frame.id, stamps(frame.data)[0]?.sent);
    if (frame.event === 'run.started' && follow === null) {
      const runId = JSON.parse(frame.data).runId;
      // b may not know the run for a few ms (its row is written off the request path, ADR 20)
      follow = (async () => {
        for (;;) {
          const got = await sse(`${b.url}/api/runs/${runId}/events`, { method: 'GET', agent: agents.b }, (f, tb) => atB.set(f.id, tb));
          if (got.status !== 404 || ++notFound >= MAX_NOT_FOUND) return got;
        }
      })();
    }
  });
  const ownerEnd = await owner;
  const followEnd = await follow; // set while the owner's stream was read
  const events = [...atA.entries()].map(([seq, { t, event }]) => ({ seq, event, atA: t, atB: atB.get(seq), sent: sent.get(seq) }));
  const error = ownerEnd.error ?? followEnd?.error ?? (followEnd && followEnd.status !== 200 ? `follower HTTP ${followEnd.status}` : null);
  return { events, notFound, error, missing: events.filter((e) => e.atB === undefined).length + Math.max(0, atB.size - atA.size) };
}

async function crossInstanceLevels(top) {
  const out = [];
  const agents = top.instances.map(() => agent());
  for (const concurrency of crossLevels) {
    const load = { before: loadavg() };
    const runs = [];
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < crossRuns) {
        const i = next++;
        const a = i % top.instances.length;
        const b = (i + 1) % top.instances.length;
        runs.push(await followedRun(top.instances[a], top.instances[b], { a: agents[a], b: agents[b] }));
      }
    }));
    load.after = loadavg();
    const events = runs.flatMap((r) => r.events.filter((e) => e.atB !== undefined));
    const tokens = events.filter((e) => e.event === 'token' && e.sent !== undefined);
    const terminal = events.filter((e) => e.event.startsWith('run.') && e.event !== 'run.started');
    // the events before the first token happen while B is still being asked: B reads them replayed, not live
    const live = [...tokens, ...terminal];
    out.push({
      concurrency, runs: runs.length, load,
      errors: runs.filter((r) => r.error).length, firstErrors: [...new Set(runs.map((r) => r.error).filter(Boolean))].slice(0, 3),
      missing: runs.reduce((n, r) => n + r.missing, 0), notFound: runs.reduce((n, r) => n + r.notFound, 0),
      events: live.length,
      bMinusA: stats(live.map((e) => e.atB - e.atA)),
      tokenToA: stats(tokens.map((e) => e.atA - e.sent)), tokenToB: stats(tokens.map((e) => e.atB - e.sent)),
      terminalBMinusA: stats(terminal.map((e) => e.atB - e.atA)),
    });
    process.stderr.write(`cross-instance: ${concurrency} at a time done (load ${load.after})\n`);
  }
  return out;
}

async function main() {
  fs.mkdirSync(opts.out, { recursive: true });
  const logs = path.join(opts.out, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  const nginxVersion = spawnSync('/usr/sbin/nginx', ['-v'], { encoding: 'utf8' }).stderr.trim(); // nginx -v writes to stderr
  const pgVersion = execFileSync('psql', ['-h', PG.host, '-p', PG.port, '-U', PG.user, '-d', 'postgres', '-At', '-c', 'SHOW server_version'], { encoding: 'utf8' }).trim();

  const upstream = await startUpstream(procs, path.join(logs, 'upstream.log'));

  const one = await topology('one', 1, upstream, logs);
  const three = await topology('three', 3, upstream, logs);

  const direct = { name: 'direct upstream', url: `${upstream}/v1/chat/completions`, body: directBody,
    tokenEvent: 'message', headers: {}, pids: [], agent: agent() };
  const jvms = (top) => top.instances.map((x) => x.pid);
  const bare = runSystem('1 instance, no nginx', one.instances[0].url, jvms(one), jvms(one));
  const viaOne = runSystem('nginx → 1 instance', one.nginx.url, one.pids, jvms(one));
  const viaThree = runSystem('nginx → 3 instances', three.nginx.url, three.pids, jvms(three));

  // Steady state first: three JVMs each see a third of the work, so each reaches the JIT's compile thresholds three
  // times later; measured without this, the 3-instance topology still spent 0.8-4.4 ms of JIT CPU per run.
  const warmup = opts.smoke ? 1 : Number(opts['warmup-seconds']);
  for (const s of [viaOne, viaThree]) await closedLoop(s, 64, warmup);
  process.stderr.write(`warm-up: ${warmup} s per topology done (load ${loadavg()})\n`);

  const firstToken = await firstTokenLevels([direct, bare, viaOne, viaThree]);
  const throughput = await throughputLevels([viaOne, viaThree]);
  const crossInstance = await crossInstanceLevels(three);

  const report = {
    date: new Date().toISOString(), machine, versions: { postgres: pgVersion, nginx: nginxVersion },
    upstream: { ttftMs: TTFT_MS, gapMs: GAP_MS, tokens: TOKENS }, warmupSeconds: warmup, firstToken, throughput, crossInstance,
  };
  fs.writeFileSync(path.join(opts.out, 'results.json'), JSON.stringify(report, null, 2));
  const md = markdownReport(report);
  fs.writeFileSync(path.join(opts.out, 'report.md'), md);
  process.stdout.write(md);
  await procs.stopAll();
  dropDatabases();
  if (opts.smoke) {
    // the smoke run is a check: any failed request, lost event or missing figure fails it
    const bad = [
      ...firstToken.flatMap((l) => Object.entries(l.systems).filter(([, v]) => v.errors > 0 || !Number.isFinite(v.ttft.p50)).map(([k, v]) => `first token, ${k}: ${v.errors} errors ${v.firstErrors.join('; ')}`)),
      ...throughput.flatMap((l) => Object.entries(l.systems).filter(([, v]) => v.errors > 0 || !(v.completed > 0)).map(([k, v]) => `throughput, ${k}: ${v.errors} errors ${v.firstErrors.join('; ')}`)),
      ...crossInstance.filter((l) => l.errors > 0 || l.missing > 0 || !Number.isFinite(l.bMinusA.p50)).map((l) => `cross-instance: ${l.errors} errors, ${l.missing} events missing on B ${l.firstErrors.join('; ')}`),
    ];
    if (bad.length) {
      process.stderr.write(`bench scale smoke failed:\n${bad.join('\n')}\nlogs: ${logs}\n`);
      process.exit(1);
    }
  }
  process.stderr.write(`results and process logs in ${opts.out}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench scale: ${e.stack ?? e.message}\n`);
  procs.cleanup();
  process.exit(1);
});
