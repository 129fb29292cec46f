// The bench's OpenAI-shaped upstream: every streamed chat completion sends its first token after
// TTFT_MS, then TOKENS tokens GAP_MS apart. Each token's text carries the monotonic time
// (process.hrtime, system-wide on Linux) at which it was written, and when the request arrived, so
// the client can tell how long each hop held it. Prints UPSTREAM_PORT=<port> once listening on 127.0.0.1.
import http from 'node:http';

const TTFT_MS = Number(process.env.TTFT_MS ?? 50);
const GAP_MS = Number(process.env.GAP_MS ?? 5);
const TOKENS = Number(process.env.TOKENS ?? 20);

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function chunk(id, delta, finish) {
  return `data: ${JSON.stringify({
    id, object: 'chat.completion.chunk', created: 1764806400, model: 'gpt-bench',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  })}\n\n`;
}

async function stream(res, includeUsage, arrived) {
  const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.write(chunk(id, { role: 'assistant', content: '' }, null));
  const start = now();
  await sleep(TTFT_MS);
  for (let i = 0; i < TOKENS; i++) {
    // paced from the start, so a late timer does not push every later token
    const due = start + TTFT_MS + i * GAP_MS - now();
    if (due > 1) await sleep(due);
    res.write(chunk(id, { content: `ts=${now().toFixed(3)};rq=${arrived.toFixed(3)}; ` }, null));
  }
  res.write(chunk(id, {}, 'stop'));
  if (includeUsage) {
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1764806400, model: 'gpt-bench', choices: [],
      usage: { prompt_tokens: 5, completion_tokens: TOKENS, total_tokens: 5 + TOKENS } })}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

const server = http.createServer((req, res) => {
  const arrived = now();
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } }));
      return;
    }
    let request;
    try {
      request = JSON.parse(body);
    } catch {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'body is not JSON', type: 'invalid_request_error' } }));
      return;
    }
    if (!request.stream) {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'the bench upstream only streams', type: 'invalid_request_error' } }));
      return;
    }
    stream(res, request.stream_options?.include_usage === true, arrived).catch(() => res.destroy());
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`UPSTREAM_PORT=${server.address().port}\n`);
});
