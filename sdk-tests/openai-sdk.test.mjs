// The official OpenAI SDK against Catalyst's /v1, everything answered by the simulated providers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { startServer } from './server.mjs';

const TOKEN = 'sdk-test-token-0123456789abcdef0123';
const here = dirname(fileURLToPath(import.meta.url));
let server;
let client;

before(async () => {
  // groq's first request fails with an upstream 429: the rate-limit test below is the first to call groq
  server = await startServer({ token: TOKEN, args: ['--simulate-fault', 'groq=http_429_retry_after'] });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: TOKEN });
  const hello = readFileSync(join(here, '..', 'examples', 'hello.json'), 'utf8');
  const res = await fetch(`${server.url}/api/workflows`, {
    method: 'POST', body: hello, headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
  });
  assert.equal(res.status, 201, await res.text());
});

after(async () => { await server?.close(); });

const ask = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Tell me about otters.' }];

test('an upstream 429 is a RateLimitError with retry-after', async () => {
  const once = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  await assert.rejects(once.chat.completions.create({ model: 'groq/openai/gpt-oss-20b', messages: ask }), (e) => {
    assert.ok(e instanceof OpenAI.RateLimitError, `got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.status, 429);
    assert.ok(e.headers.get('retry-after'));
    return true;
  });
});

for (const model of ['openai/gpt-6.1-sol', 'anthropic/claude-haiku-5-5', 'groq/openai/gpt-oss-20b', 'claude-sonnet-5-5']) {
  test(`${model}: whole and streamed answers agree`, async () => {
    const { data: whole, response } = await client.chat.completions.create({ model, messages: ask }).withResponse();
    assert.equal(whole.object, 'chat.completion');
    assert.ok(response.headers.get('x-catalyst-run-id'));
    assert.ok(Number(response.headers.get('x-catalyst-overhead-ms')) >= 0);
    const text = whole.choices[0].message.content;
    assert.ok(text.length > 0);
    assert.equal(whole.choices[0].finish_reason, 'stop');
    assert.ok(whole.usage.total_tokens > 0);

    const stream = await client.chat.completions.create({ model, messages: ask, stream: true, stream_options: { include_usage: true } });
    let streamed = '';
    let first = true;
    let usage = null;
    for await (const chunk of stream) {
      if (first) { assert.equal(chunk.choices[0].delta.role, 'assistant'); first = false; }
      if (chunk.choices.length === 0) usage = chunk.usage;
      else streamed += chunk.choices[0].delta.content ?? '';
    }
    assert.equal(streamed, text);
    assert.ok(usage.completion_tokens > 0);
  });
}

test('router/cost answers, with the run\'s cost in usage', async () => {
  const r = await client.chat.completions.create({ model: 'router/cost', messages: ask });
  assert.ok(r.choices[0].message.content.length > 0);
  assert.ok(r.usage.cost_usd > 0);
});

test('workflow/hello streams its answer as chat chunks', async () => {
  const stream = await client.chat.completions.create({ model: 'workflow/hello', stream: true,
    messages: [{ role: 'user', content: 'herons' }] });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  assert.ok(text.length > 0);
  assert.match(text, /herons/i);
});

test('tool calls assembled by the SDK\'s stream helper', async () => {
  const stream = client.chat.completions.stream({
    model: 'openai/gpt-6.1-sol', messages: [{ role: 'user', content: 'Weather in Oslo?' }],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: {
      type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
  });
  const done = [];
  stream.on('tool_calls.function.arguments.done', (e) => done.push(e));
  const final = await stream.finalChatCompletion();
  const call = final.choices[0].message.tool_calls[0];
  assert.equal(final.choices[0].finish_reason, 'tool_calls');
  assert.equal(call.function.name, 'get_weather');
  assert.ok('city' in JSON.parse(call.function.arguments));
  assert.equal(done.length, 1);
  assert.equal(done[0].name, 'get_weather');
});

for (const [model, stream] of [['openai/gpt-6.1-sol', false], ['anthropic/claude-haiku-5-5', true]]) {
  test(`${model}: runTools completes a two-turn tool conversation (stream: ${stream})`, async () => {
    const calls = [];
    const runner = client.chat.completions.runTools({
      model, stream, messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [{ type: 'function', function: {
        name: 'get_weather', parse: JSON.parse,
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        function: (args) => { calls.push(args); return '4 degrees and rain'; },
      } }],
    });
    const answer = await runner.finalContent();
    const sent = runner.messages.map((m) => m.role);
    assert.equal(calls.length, 1);
    assert.equal(typeof calls[0].city, 'string');
    // user → assistant tool call → tool result → final answer: the result went back and the model used it
    assert.deepEqual(sent, ['user', 'assistant', 'tool', 'assistant']);
    assert.match(answer, /4 degrees and rain/);
  });
}

test('response_format json_schema parses into the SDK\'s parsed field', async () => {
  const r = await client.chat.completions.parse({
    model: 'openai/gpt-6.1-sol', messages: ask,
    response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema: {
      type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'], additionalProperties: false } } },
  });
  assert.equal(typeof r.choices[0].message.parsed.topic, 'string');
});

test('embeddings with the local model (the SDK asks for base64 and decodes it)', async () => {
  const r = await client.embeddings.create({ model: 'local', input: ['otters', 'herons'] });
  assert.equal(r.data.length, 2);
  assert.equal(r.data[1].index, 1);
  assert.equal(r.data[0].embedding.length, 384);
  const floats = await client.embeddings.create({ model: 'local', input: 'otters', encoding_format: 'float' });
  assert.ok(Math.abs(floats.data[0].embedding[0] - r.data[0].embedding[0]) < 1e-6);
});

test('models.list() has catalog models, router presets and stored workflows', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  for (const id of ['openai/gpt-6.1-sol', 'anthropic/claude-sonnet-5-5', 'router/cost', 'workflow/hello', 'local/all-minilm-l6-v2']) {
    assert.ok(ids.includes(id), `${id} in ${ids.length} models`);
  }
});

test('models.retrieve() takes ids with slashes (the SDK encodes them as %2F)', async () => {
  for (const id of ['openai/gpt-6.1-sol', 'groq/openai/gpt-oss-20b', 'router/cost', 'workflow/hello']) {
    const m = await client.models.retrieve(id);
    assert.equal(m.id, id);
    assert.equal(m.object, 'model');
  }
  await assert.rejects(client.models.retrieve('openai/no-such-model'), OpenAI.NotFoundError);
});

test('typed errors: AuthenticationError, NotFoundError, BadRequestError with param', async () => {
  const stranger = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-not-the-token', maxRetries: 0 });
  await assert.rejects(stranger.models.list(), OpenAI.AuthenticationError);
  await assert.rejects(client.chat.completions.create({ model: 'openai/no-such-model', messages: ask }), (e) => {
    assert.ok(e instanceof OpenAI.NotFoundError);
    assert.equal(e.code, 'model_not_found');
    return true;
  });
  await assert.rejects(client.chat.completions.create({ model: 'openai/gpt-6.1-sol', messages: ask, n: 2 }), (e) => {
    assert.ok(e instanceof OpenAI.BadRequestError);
    assert.equal(e.param, 'n');
    return true;
  });
});
