// Breaks a run's way from its request to its provider call into phases, from the
// dev.catalyst.PathMark events of a JFR recording (BENCHMARKS.md, "Where the time to upstream goes"):
//   java "-XX:StartFlightRecording:+dev.catalyst.PathMark#enabled=true,filename=marks.jfr" ...
//   node bench/hotpath/path-marks.mjs marks.jfr [skip]
// Marks without a run id are given the run of another mark on the same thread (the request's
// handler before the run has an id; the node's provider call). Only runs that came in through
// POST /api/runs (they have request.arrived) are counted, the last `last` (default 200: the measured
// rounds of `./catalyst bench --levels 1 --rounds 200`; the ones before are its warm-up).
// The phases come from the recording, in the order a run passes them; since ADR 24 a run has no
// coordinator thread (no `run.thread`) and each node marks `node.start` (before: `node.thread`),
// the chained nodes of a linear run on the same thread, so recordings of builds before and after
// differ in those names; compare the whole span (request arrived → `provider.send`) across them.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const [file, lastArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node path-marks.mjs <recording.jfr> [last]');
  process.exit(2);
}
const last = Number(lastArg ?? 200);
const jfr = path.join(process.env.JAVA_HOME ?? '', 'bin', 'jfr');
const out = execFileSync(process.env.JAVA_HOME ? jfr : 'jfr', ['print', '--json', '--events', 'dev.catalyst.PathMark', file],
  { maxBuffer: 1 << 30 }).toString();
const events = JSON.parse(out).recording.events.map((e) => ({
  run: e.values.run, phase: e.values.phase, nanos: Number(e.values.nanos),
  thread: e.values.eventThread?.javaThreadId ?? e.values.eventThread?.osThreadId,
}));

// a mark without a run belongs to the run of the next mark with one on its thread (the request's
// handler, before the run has an id), or for the provider's marks of the previous one (the node's)
const byThread = new Map();
for (const e of events) {
  if (!byThread.has(e.thread)) byThread.set(e.thread, []);
  byThread.get(e.thread).push(e);
}
const runs = new Map();
for (const list of byThread.values()) {
  list.sort((a, b) => a.nanos - b.nanos);
  list.forEach((e, i) => {
    let run = e.run;
    if (!run && e.phase.startsWith('provider.')) for (let j = i - 1; j >= 0 && !run; j--) run = list[j].run;
    if (!run) for (let j = i + 1; j < list.length && !run && list[j].phase !== 'request.arrived'; j++) run = list[j].run;
    if (!run) return;
    if (!runs.has(run)) runs.set(run, []);
    runs.get(run).push(e);
  });
}

// the phases in the order a run passes them; a repeated phase (a second node) gets a suffix
const order = [];
const samples = new Map();
const arrivals = [...runs.values()].filter((m) => m.some((e) => e.phase === 'request.arrived'))
  .map((m) => m.sort((a, b) => a.nanos - b.nanos));
arrivals.sort((a, b) => a[0].nanos - b[0].nanos);
const counted = arrivals.slice(-last);
for (const marks of counted) {
  const start = marks.find((e) => e.phase === 'request.arrived').nanos;
  const seen = new Map();
  let prev = start;
  for (const e of marks) {
    if (e.phase === 'request.arrived') continue;
    const n = (seen.get(e.phase) ?? 0) + 1;
    seen.set(e.phase, n);
    const name = n === 1 ? e.phase : `${e.phase} #${n}`;
    if (!samples.has(name)) {
      samples.set(name, { step: [], total: [] });
      order.push(name);
    }
    samples.get(name).step.push((e.nanos - prev) / 1e6);
    samples.get(name).total.push((e.nanos - start) / 1e6);
    prev = e.nanos;
    if (e.phase === 'provider.headers') break;
  }
}

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
console.log(`the last ${counted.length} of ${arrivals.length} runs that came in through POST /api/runs`);
console.log('| mark | runs | since previous mark p50 / p90 (ms) | since request arrived p50 / p90 (ms) |');
console.log('|---|---:|---:|---:|');
for (const name of order) {
  const s = samples.get(name);
  console.log(`| ${name} | ${s.step.length} | ${q(s.step, 0.5).toFixed(3)} / ${q(s.step, 0.9).toFixed(3)} | ${q(s.total, 0.5).toFixed(3)} / ${q(s.total, 0.9).toFixed(3)} |`);
}
