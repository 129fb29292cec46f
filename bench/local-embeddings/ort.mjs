// The same all-MiniLM-L6-v2 .onnx as Catalyst's local provider, run by ONNX Runtime's Node binding
// on the same token ids (written by LocalEmbeddingThroughput), to put the Java numbers next to
// ORT's own. Usage: node ort.mjs <dir with model.onnx and input.json>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';

const dir = process.argv[2] ?? '../target/local-embeddings';
const input = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8'));
const threads = input.threads;
const rounds = input.rounds;
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

async function measure(label, name, all, run) {
  await run(all); // warm-up round
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) await run(all);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = (all.length * rounds) / seconds;
  console.log(`ort   ${name.padEnd(5)} ${String(all.length).padStart(4)} texts × ${rounds} rounds, ${label.padEnd(34)}: ${perSecond.toFixed(1).padStart(8)} texts/s`);
  return perSecond;
}

const single = await session(1);
const multi = await session(threads);
const results = {};
for (const name of ['short', 'long']) {
  const all = input[`${name}_ids`];
  // the vectors agree with the Java provider's: same file, same ids, same pooling
  const mine = await embed(single, all.slice(0, 1));
  const theirs = input[`java_${name}_first`][0];
  const diff = Math.max(...theirs.map((x, d) => Math.abs(x - mine[0][d])));
  const cos = theirs.reduce((s, x, d) => s + x * mine[0][d], 0);
  console.log(`check ${name}: first vector, java vs ort: cosine ${cos.toFixed(6)}, max |difference| ${diff.toExponential(2)}`);
  results[name] = {
    perTextConcurrent: await measure(`1 text/call, ${threads} in flight, intra-op 1`, name, all, (a) => perText(single, a, threads)),
    perTextIntraOp: await measure(`1 text/call, sequential, intra-op ${threads}`, name, all, (a) => perText(multi, a, 1)),
    batched32: await measure(`32 texts/call (padded), intra-op ${threads}`, name, all, (a) => batched(multi, a, 32)),
  };
  const java = input[`java_${name}_texts_per_s`];
  const best = Math.max(results[name].perTextConcurrent, results[name].perTextIntraOp);
  console.log(`ratio ${name}: java ${java.toFixed(1)} / best one-text-per-call ort ${best.toFixed(1)} = ${(java / best).toFixed(2)}×;`
    + ` vs batched ${(java / results[name].batched32).toFixed(2)}×`);
}
