// The benches' paced upstream (bench/hotpath/fake-upstream.mjs: first token after TTFT_MS, then
// TOKENS tokens GAP_MS apart) and the workflow they run against it through Catalyst.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TTFT_MS = 50;
export const GAP_MS = 5;
export const TOKENS = 20;
export const MODEL = 'gpt-6.1-sol';

const FAKE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'hotpath', 'fake-upstream.mjs');

/** Starts the fake upstream in `procs`; resolves to its base URL (http://127.0.0.1:<port>). */
export async function startUpstream(procs, logFile) {
  const fake = await procs.start('fake upstream', process.execPath, [FAKE],
    { TTFT_MS: String(TTFT_MS), GAP_MS: String(GAP_MS), TOKENS: String(TOKENS) }, /UPSTREAM_PORT=(\d+)/, logFile);
  return `http://127.0.0.1:${fake.match[1]}`;
}

/** `promptTemplate → openaiCompletion`, sent inline with each run. */
export function benchWorkflow(id) {
  return {
    schemaVersion: 1, id,
    nodes: [
      { id: 'prompt', type: 'promptTemplate', config: { template: 'go' } },
      { id: 'model', type: 'openaiCompletion', config: { model: MODEL } },
    ],
    edges: [{ source: 'prompt', sourcePort: 'messages', target: 'model', targetPort: 'messages' }],
  };
}

/** The same request straight to the upstream (the baseline). */
export const directBody = { model: MODEL, stream: true, messages: [{ role: 'user', content: 'go' }] };
