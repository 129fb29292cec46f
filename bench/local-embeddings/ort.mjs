// Java's local provider and ONNX Runtime's Node binding, taking turns in one run: round by round,
// Java embeds a set once, then ORT runs the same .onnx file on the same token ids (written by
// LocalEmbeddingThroughput), so both halves of each ratio see the same load.
// Usage: node ort.mjs <dir> <rounds> <java command...>   (run.sh builds the java command)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as ort from 'onnxruntime-node';

const [dir, roundsArg, ...javaCommand] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!dir || !(rounds > 0) || javaCommand.length === 0) {
  console.error('usage: node ort.mjs <dir> <rounds> <java command...>');
  process.exit(2);
}

// The Java side: a child that answers "short"/"long" with the wall and CPU nanoseconds one pass took.
const java = spawn(javaCommand[0], javaCommand.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: java.stdout })[Symbol.asyncIterator]();
async function javaLine() {
  const { value, done } = await lines.next();
  if (done) throw new Error('the Java side ended early');
  return value;
}
while ((await javaLine()) !== 'ready');
async function javaPass(name) {
  java.stdin.write(`${name}\n`);
  const [set, nanos, cpuNanos] = (await javaLine()).split(' ');
  if (set !== name) throw new Error(`asked Java for ${name}, got ${set}`);
  return { seconds: Number(nanos) / 1e9, cpuSeconds: Number(cpuNanos) / 1e9 };
}

const input = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8'));
const threads = input.threads;
const model = join(dir, 'model.onnx');

async function session(intraOp) {
  return ort.InferenceSession.create(model, { intraOpNumThreads: intraOp, interOpNumThreads: 1, executionMode: 'sequential' });
}

function feeds(s, batch) {
  const len = Math.max(...batch.map((ids) => ids.length));
  const n = batch.length;
  const ids = new BigInt64Array(n * len);
  const mask = new BigInt64Array(n * len);
  batch.forEach((row, i) => row.forEach((id, j) => { ids[i * len + j] = BigInt(id); mask[i * len + j] = 1n; }));
  const f = {
    input_ids: new ort.Tensor('int64', ids, [n, len]),
    attention_mask: new ort.Tensor('int64', mask, [n, len]),
  };
  if (s.inputNames.includes('token_type_ids')) f.token_type_ids = new ort.Tensor('int64', new BigInt64Array(n * len), [n, len]);
  return { f, len, mask };
}

// mean over the kept tokens, then unit length: what MiniLmEmbedder does
function pool(out, n, len, mask) {
  const dims = out.dims[2];
  const data = out.data;
  const vectors = [];
  for (let i = 0; i < n; i++) {
    const v = new Float64Array(dims);
    let kept = 0;
    for (let t = 0; t < len; t++) {
      if (mask[i * len + t] === 0n) continue;
      kept++;
      for (let d = 0; d < dims; d++) v[d] += data[(i * len + t) * dims + d];
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) { v[d] /= kept; norm += v[d] * v[d]; }
    norm = Math.max(Math.sqrt(norm), 1e-12);
    vectors.push(Array.from(v, (x) => x / norm));
  }
  return vectors;
}

async function embed(s, batch) {
  const { f, len, mask } = feeds(s, batch);
  const r = await s.run(f);
  return pool(r[s.outputNames[0]], batch.length, len, mask);
}

// one text per call, `concurrent` calls in flight (the Java provider's shape: threads × intra-op 1)
async function perText(s, all, concurrent) {
  let next = 0;
  const worker = async () => { while (next < all.length) { const i = next++; await embed(s, [all[i]]); } };
  await Promise.all(Array.from({ length: concurrent }, worker));
}

async function batched(s, all, size) {
  for (let i = 0; i < all.length; i += size) await embed(s, all.slice(i, i + size));
}

// wall and process CPU time (this process's threads, ORT's included) of one pass
async function timed(run) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run();
  const used = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const f1 = (x) => x.toFixed(1).padStart(7);
const f2 = (x) => x.toFixed(2);

const single = await session(1);
const multi = await session(threads);
const ortShapes = {
  [`1/call ×${threads}`]: (all) => perText(single, all, threads),
  [`1/call intra ${threads}`]: (all) => perText(multi, all, 1),
  'batch 32': (all) => batched(multi, all, 32),
};
console.log(`threads ${threads}, ${rounds} rounds; each round: Java one pass, then each ORT shape one pass, per set`);
console.log('texts/s (wall); "cpu ms/text" is process CPU time per text, which load does not stretch the way it stretches wall time');
const summary = {};
for (const name of ['short', 'long']) {
  const all = input[`${name}_ids`];
  // the vectors agree with the Java provider's: same file, same ids, same pooling
  const mine = await embed(single, all.slice(0, 1));
  const theirs = input[`java_${name}_first`][0];
  const diff = Math.max(...theirs.map((x, d) => Math.abs(x - mine[0][d])));
  const cos = theirs.reduce((s, x, d) => s + x * mine[0][d], 0);
  console.log(`check ${name}: first vector, java vs ort: cosine ${cos.toFixed(6)}, max |difference| ${diff.toExponential(2)}`);
  for (const run of Object.values(ortShapes)) await run(all); // warm-up pass (Java warmed up before "ready")
  console.log(`${name} (${all.length} texts, ≤ ${input[`${name}_max_tokens`]} tokens), texts/s:`);
  const same = `1/call ×${threads}`;
  console.log(`round | load 1m | java    | ${Object.keys(ortShapes).map((k) => k.padEnd(15)).join(' | ')} | java / best 1-per-call ort | cpu ms/text java, ort ${same}`);
  const ratios = [];
  const cpu = { java: [], ort: [] };
  const columns = { java: [], ...Object.fromEntries(Object.keys(ortShapes).map((k) => [k, []])) };
  for (let r = 1; r <= rounds; r++) {
    const load = loadavg()[0];
    const j = await javaPass(name);
    const javaRate = all.length / j.seconds;
    columns.java.push(javaRate);
    cpu.java.push((j.cpuSeconds * 1000) / all.length);
    const ortRates = {};
    for (const [shape, run] of Object.entries(ortShapes)) {
      const o = await timed(() => run(all));
      ortRates[shape] = all.length / o.seconds;
      columns[shape].push(ortRates[shape]);
      if (shape === same) cpu.ort.push((o.cpuSeconds * 1000) / all.length);
    }
    const best = Math.max(ortRates[same], ortRates[`1/call intra ${threads}`]);
    ratios.push(javaRate / best);
    console.log(`${String(r).padStart(5)} | ${load.toFixed(2).padStart(7)} | ${f1(javaRate)} | ${Object.values(ortRates).map((x) => f1(x).padEnd(15)).join(' | ')} | ${f2(javaRate / best).padStart(25)}× | ${f2(cpu.java.at(-1))}, ${f2(cpu.ort.at(-1))}`);
  }
  const medians = Object.fromEntries(Object.entries(columns).map(([k, xs]) => [k, median(xs)]));
  console.log(`median       | ${f1(medians.java)} | ${Object.keys(ortShapes).map((k) => f1(medians[k]).padEnd(15)).join(' | ')} | ${f2(median(ratios)).padStart(25)}× | ${f2(median(cpu.java))}, ${f2(median(cpu.ort))}`);
  console.log(`ratio range ${f2(Math.min(...ratios))}–${f2(Math.max(...ratios))}×; median cpu per text java / ort ${same}: ${f2(median(cpu.java) / median(cpu.ort))}×`);
  summary[name] = median(ratios);
}
java.stdin.end();
await new Promise((resolve) => java.on('exit', resolve));
console.log(`median ratio java / best one-text-per-call ort: short ${f2(summary.short)}×, long ${f2(summary.long)}× (target ≥ 0.80×)`);
