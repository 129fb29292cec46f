// The processes a bench harness starts (fakes, Catalyst instances, nginx, peers), their temporary
// directories, and what the harness reads about them from /proc. Everything started here is stopped
// when the harness exits, however it exits.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Milliseconds on the monotonic clock; Linux shares it between processes, so the fakes' stamps compare. */
export const now = () => Number(process.hrtime.bigint()) / 1e6;

export const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').trim();

export class ProcessGroup {
  #children = [];
  #tempDirs = [];
  #cwd;

  /** @param cwd where the processes start (the repository root) */
  constructor(cwd) {
    this.#cwd = cwd;
    process.on('exit', () => this.cleanup());
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { this.cleanup(); process.exit(130); });
  }

  /** A fresh directory, removed with the processes. */
  tempDir(prefix) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.#tempDirs.push(dir);
    return dir;
  }

  /** Starts a process with its whole output going to `logFile`; stopped with the group. */
  spawn(cmd, args, env, logFile) {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], cwd: this.#cwd });
    this.#children.push(child);
    const log = fs.createWriteStream(logFile);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    return child;
  }

  /**
   * Starts a process and waits for a line matching `ready` on its stdout or stderr; resolves to
   * { child, match }.
   */
  start(name, cmd, args, env, ready, logFile) {
    return new Promise((resolve, reject) => {
      const child = this.spawn(cmd, args, env, logFile);
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s; see ${logFile}`)), 120_000);
      const onData = (d) => {
        if (seen === null) return;
        seen += d.toString();
        const m = seen.match(ready);
        if (m) {
          seen = null;
          clearTimeout(timer);
          resolve({ child, match: m });
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (seen !== null) reject(new Error(`${name} exited (${code}) before it was ready; see ${logFile}`));
      });
    });
  }

  /** Stops every process and waits for them to exit (at most 20 s), so their data dirs can go. */
  async stopAll() {
    const live = this.#children.filter((c) => c.exitCode === null && c.signalCode === null);
    const exited = live.map((c) => new Promise((resolve) => c.once('exit', resolve)));
    for (const c of live) c.kill('SIGTERM');
    await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, 20_000).unref())]);
    this.cleanup();
  }

  /** Kills what still runs and removes the temporary directories; safe to call twice. */
  cleanup() {
    for (const c of this.#children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    // a process still writing a data dir may leave files behind, so errors are ignored
    for (const d of this.#tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true, maxRetries: 3 });
  }
}

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** User + system CPU of a process so far, in ms (10 ms ticks). */
export function cpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** The pids of every process whose command name is `comm` (e.g. all of PostgreSQL's server processes). */
export function pidsNamed(comm) {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm;
    } catch {
      return false; // ended while listed
    }
  }).map(Number);
}

/** CPU ms of those pids so far; a process that ended is skipped. */
export function cpuMsOf(pids) {
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += cpuMs(pid);
    } catch {
      // ended meanwhile
    }
  }
  return sum;
}

/**
 * Each thread's time on a CPU so far, in ns (/proc/<pid>/task/<tid>/schedstat): nanosecond
 * resolution, where /proc/<pid>/stat counts 10 ms ticks and reads 0 for an idle JVM over seconds.
 */
export function threadCpuNs(pid) {
  const out = new Map();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      out.set(tid, Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/** The kind of work a JVM thread does, told by its name (/proc/<pid>/task/<tid>/comm, 15 characters). */
export function jvmThreadKind(comm) {
  if (/^C[12] CompilerThre/.test(comm)) return 'JIT';
  if (/^(GC Thread|G1 |VM Periodic|VM Thread)/.test(comm)) return 'GC and VM';
  if (comm.startsWith('ForkJoinPool')) return 'virtual threads';
  if (comm.startsWith('catalyst-http')) return 'HTTP server';
  if (comm.startsWith('provider-http')) return 'provider client';
  return 'other';
}

/** CPU ms a JVM used between two threadCpuNs snapshots, by jvmThreadKind (threads that ended in between are not counted). */
export function cpuMsByKind(pid, before, after) {
  const out = {};
  for (const [tid, t] of after) {
    let comm;
    try {
      comm = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
    } catch {
      continue; // ended since the snapshot
    }
    const kind = jvmThreadKind(comm);
    out[kind] = (out[kind] ?? 0) + (t - (before.get(tid) ?? 0)) / 1e6;
  }
  return out;
}

/** CPU ms the process used between two threadCpuNs snapshots (threads that ended in between are not counted). */
export function cpuMsBetween(before, after) {
  let ns = 0;
  for (const [tid, t] of after) ns += t - (before.get(tid) ?? 0);
  return ns / 1e6;
}

export function rssMb(pid) {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
}

export function heapUsedMb(pid) {
  const out = execFileSync(path.join(process.env.JAVA_HOME, 'bin', 'jcmd'), [String(pid), 'GC.heap_info']).toString();
  const m = out.match(/used (\d+)K/);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The JVM flags and classpath of `catalyst start` as the launcher passes them (run.sh exports the classpath). */
export function catalystStartArgs() {
  return ['--sun-misc-unsafe-memory-access=allow', '-Xmx512m', ...(process.env.CATALYST_JAVA_OPTS ?? '').split(' ').filter(Boolean),
    '-cp', process.env.CATALYST_CLASSPATH, 'dev.catalyst.server.cli.Main', 'start'];
}

/** Matches Catalyst's start line; group 1 is its base URL. */
export const CATALYST_READY = /serving on (http:\/\/[^\s]+)/;
