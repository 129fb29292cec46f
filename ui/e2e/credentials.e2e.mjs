// Browser test of the Credentials screen (issue 12): a key added on the screen is stored by the
// server (encrypted file, CATALYST_MASTER_KEY), a run then uses it, and the provider (a small
// Anthropic stand-in on loopback that accepts only that key) sees exactly that key. The page
// runs under the server's Content-Security-Policy.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const KEY = `sk-ant-api03-e2e${randomBytes(20).toString('hex')}`;

/** Anthropic's Messages API, reduced to a streamed one-line answer for the one key it accepts. */
function keyCheckingAnthropic() {
  const seen = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const key = req.headers['x-api-key'];
      seen.push(key);
      if (key !== KEY) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
        return;
      }
      const request = JSON.parse(body);
      const ev = (name, data) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
      const usage = { input_tokens: 5, output_tokens: 3 };
      if (!request.stream) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: 'msg_e2e', type: 'message', role: 'assistant', model: request.model,
          content: [{ type: 'text', text: 'pong' }], stop_reason: 'end_turn', stop_sequence: null, usage }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end(ev('message_start', { message: { id: 'msg_e2e', type: 'message', role: 'assistant', content: [], model: request.model,
        stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } })
        + ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } })
        + ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Otters hold hands ' } })
        + ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'while they sleep.' } })
        + ev('content_block_stop', { index: 0 })
        + ev('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } })
        + ev('message_stop', {}));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`, seen, close: () => new Promise((r) => server.close(r)),
  })));
}

let provider;
let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  provider = await keyCheckingAnthropic();
  server = await startServer({
    args: ['start'],
    // GROQ_API_KEY only keeps the server out of simulate mode; the workflow calls Anthropic
    env: { CATALYST_MASTER_KEY: randomBytes(24).toString('hex'), CATALYST_ANTHROPIC_BASE_URL: provider.url, GROQ_API_KEY: 'gsk_unused_in_this_test' },
  });
  browser = await launch();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) pageErrors.push(m.text()); });
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Credentials' }).waitFor();
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await server?.close();
  await provider?.close();
});

describe('credentials', () => {
  it('adds a key on the screen that a run then uses', { timeout: 120_000 }, async () => {
    const res = await page.request.get(`${server.url}/`);
    assert.match(res.headers()['content-security-policy'] ?? '', /script-src 'self'/);

    await page.getByRole('button', { name: 'Credentials' }).click();
    const dialog = page.getByRole('dialog', { name: 'Credentials' });
    await dialog.getByLabel('Name').fill('anthropic');
    await dialog.getByLabel('Key').fill(KEY);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await dialog.locator('tr[data-secret="anthropic"]').waitFor();
    assert.equal(await dialog.getByLabel('Key').inputValue(), '', 'the key field is cleared after saving');
    assert.ok(!(await page.content()).includes(KEY), 'the page never shows the key');

    await dialog.locator('tr[data-secret="anthropic"]').getByRole('button', { name: 'Test' }).click();
    await dialog.locator('tr[data-secret="anthropic"] .secret-test.ok').waitFor();

    // a run from the page (same origin, JSON), followed to its end on its event stream
    const workflow = JSON.parse(readFileSync(join(root, 'examples', 'hello.json'), 'utf8'));
    const events = await page.evaluate(async (wf) => {
      const created = await fetch('/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ workflow: wf }) });
      const { id } = await created.json();
      const stream = await fetch(`/api/runs/${id}/events`, { headers: { Accept: 'text/event-stream' } });
      return await stream.text(); // the stream ends after the run's last event
    }, workflow);
    assert.match(events, /event: run\.completed/);
    assert.match(events, /Otters hold hands/);
    assert.ok(!events.includes(KEY));
    assert.ok(provider.seen.length >= 2 && provider.seen.every((k) => k === KEY), 'the provider got the key added on the screen');

    await dialog.locator('tr[data-secret="anthropic"]').getByRole('button', { name: 'Remove' }).click();
    await dialog.locator('tr[data-secret="anthropic"]').waitFor({ state: 'detached' });
    assert.deepEqual(pageErrors, []);
  });
});
