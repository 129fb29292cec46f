// Browser tests of the canvas against the real server in simulate mode (issue 7, Tests):
//   build the hello workflow from an empty canvas by dragging and connecting, configure it, run it,
//   and watch tokens stream; an incompatible connection is refused; a validation error shows on
//   the right field; a reload mid-run resumes without duplicated text.
// Run: (cd ui && npm run build && npm run e2e). Needs /usr/bin/chromium (scripts/install-browser.sh).
// Screenshots go to $CATALYST_SCREENSHOTS (default ui/e2e/out).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connect, dragNode, expectCount, typeInCode } from './actions.mjs';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';

const shots = process.env.CATALYST_SCREENSHOTS ?? join(dirname(fileURLToPath(import.meta.url)), 'out');
mkdirSync(shots, { recursive: true });

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await launch();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.addInitScript(recordTokenFrames);
  await page.goto(server.url);
  await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
  await page.reload();
  await page.getByRole('button', { name: 'Add Prompt template' }).waitFor();
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

const edgeCount = () => page.locator('.react-flow__edge').count();

/**
 * Runs in the page before its own scripts: tees every run-event stream the page fetches and
 * records each `token` SSE frame in arrival order (window.__frames). What it counts is frames the
 * server sent one by one, which does not depend on how busy the machine is; how many renders they
 * cause does.
 */
function recordTokenFrames() {
  const w = window;
  w.__frames = [];
  const original = w.fetch.bind(w);
  w.fetch = async (input, init) => {
    const res = await original(input, init);
    const url = typeof input === 'string' ? input : input.url;
    if (!/\/api\/runs\/[^/]+\/events/.test(url) || !res.body) return res;
    const [mine, theirs] = res.body.tee();
    (async () => {
      const reader = mine.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const field = (name) => lines.filter((l) => l.startsWith(name + ':')).map((l) => l.slice(name.length + 1).replace(/^ /, '')).join('\n');
          if (field('event') === 'token') w.__frames.push({ id: field('id'), ...JSON.parse(field('data')) });
        }
      }
    })().catch(() => undefined);
    return new Response(theirs, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/** Records every change of a node's output pane with the time it was seen. */
async function watchOutput(nodeId) {
  await page.evaluate((id) => {
    const w = window;
    w.__updates = [];
    w.__frames = [];
    w.__observer?.disconnect();
    const record = () => {
      const el = document.querySelector(`[data-testid="output-${id}"]`);
      const text = el ? (el.firstChild?.nodeType === 3 ? el.firstChild.textContent : el.textContent) ?? '' : '';
      const last = w.__updates.at(-1);
      if (text && (!last || last.text !== text)) w.__updates.push({ t: performance.now(), text });
    };
    w.__observer = new MutationObserver(record);
    w.__observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, nodeId);
}

async function runAndWait() {
  await page.getByTestId('run-button').click();
  // hello has an input: the run asks for it in a dialog
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/runs') && r.request().method() === 'POST'),
    page.getByTestId('run-start').click(),
  ]);
  const { id } = await created.json();
  return id;
}

/** The run's token events as the server stored them (read over plain HTTP, not through the page). */
async function storedTokens(runId) {
  const res = await fetch(`${server.url}/api/runs/${runId}/events`, { headers: { Accept: 'text/event-stream' } });
  const text = await res.text();
  return text.split('\n\n').filter((f) => /^event: token$/m.test(f))
    .map((f) => JSON.parse(f.split('\n').find((l) => l.startsWith('data:')).slice(5)));
}

async function finished() {
  await page.locator('[data-testid="run-view"][data-status="completed"], [data-testid="run-view"][data-status="failed"], [data-testid="run-view"][data-status="cancelled"]')
    .waitFor({ timeout: 120_000 });
  return page.getByTestId('run-status').textContent();
}

describe('canvas in the browser', { timeout: 600_000 }, () => {
  it('builds the hello workflow by dragging and connecting, and configures it', async () => {
    await page.getByLabel('New input name').fill('topic');
    await page.getByRole('button', { name: 'Add input' }).click();
    await page.getByLabel('Default of topic').fill('otters');
    await page.getByLabel('New output name').fill('answer');
    await page.getByRole('button', { name: 'Add output' }).click();
    await page.getByLabel('answer', { exact: true }).fill('{{ nodes.claude.output.text }}');

    await dragNode(page, 'Prompt template', 80, 160);
    await dragNode(page, 'Claude (Anthropic)', 520, 120);
    await expectCount(page, '.react-flow__node', 2);
    await connect(page, 'prompt', 'messages', 'claude', 'messages');
    await expectCount(page, '.react-flow__edge', 1);

    await page.locator('.react-flow__node[data-id="prompt"]').click();
    await page.getByRole('button', { name: 'Add message' }).click();
    await page.getByRole('group', { name: 'Messages 1' }).getByLabel('Role').selectOption('system');
    await typeInCode(page, 'Content', 'You are terse.');
    await page.getByRole('button', { name: 'Add message' }).click();
    const second = page.getByRole('group', { name: 'Messages 2' });
    await second.getByLabel('Role').selectOption('user');
    await second.getByRole('textbox', { name: 'Content' }).click();
    await page.keyboard.type('Write one line about {{ topic }}.', { delay: 5 });
    assert.match(await page.getByTestId('preview-text').last().textContent(), /Write one line about otters\./);

    await page.locator('.react-flow__node[data-id="claude"]').click();
    await page.getByLabel('Max tokens').fill('256');
    await page.getByLabel('Temperature value').fill('0.7');
    await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
    await page.screenshot({ path: join(shots, 'canvas.png') });
  });

  it('refuses an incompatible connection with a hint', async () => {
    const before = await edgeCount();
    await page.keyboard.press('Escape');
    await connect(page, 'prompt', 'text', 'claude', 'messages');
    const hint = page.getByTestId('hint');
    await hint.waitFor();
    assert.match(await hint.textContent(), /Text does not fit Messages/);
    assert.match(await hint.textContent(), /prompt instead/);
    await expectCount(page, '.react-flow__edge', before);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await hint.waitFor({ state: 'detached' });
  });

  it('shows a validation error on the right field and explains why Run is disabled', async () => {
    await page.locator('.react-flow__node[data-id="claude"]').click();
    await page.getByLabel('Temperature value').fill('1.5');
    const issues = page.locator('[data-field="temperature"] .field-issues');
    await issues.waitFor({ timeout: 15_000 });
    assert.match(await issues.textContent(), /1/);
    assert.ok(await page.getByTestId('run-button').isDisabled());
    assert.match(await page.getByTestId('run-blocker').textContent(), /claude/);
    assert.ok(await page.locator('[data-testid="node-claude"].has-errors').count() === 1);
    await page.getByLabel('Temperature value').fill('0.7');
    await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('runs in simulate mode with tokens arriving one by one', async () => {
    await watchOutput('claude');
    const runId = await runAndWait();
    await page.waitForFunction(() => (window.__frames?.length ?? 0) >= 3, null, { timeout: 60_000 });
    await page.screenshot({ path: join(shots, 'streaming-run.png') });
    assert.equal(await finished(), 'completed');
    const run = await (await fetch(`${server.url}/api/runs/${runId}`)).json();
    const stored = await storedTokens(runId);
    const frames = (await page.evaluate(() => window.__frames)).filter((f) => f.nodeId === 'claude');
    // every token reached the page as its own SSE frame, in order, and together they are the answer
    assert.ok(stored.length >= 5, `the simulated answer has ${stored.length} tokens`);
    assert.deepEqual(frames.map((f) => f.index), stored.map((t) => t.index));
    assert.deepEqual(frames.map((f) => f.index), frames.map((_, i) => i));
    assert.equal(frames.map((f) => f.text).join(''), run.outputs.answer);
    // the card only ever grew towards the answer, and shows all of it at the end
    const updates = await page.evaluate(() => window.__updates);
    for (let i = 1; i < updates.length; i++) assert.ok(updates[i].text.startsWith(updates[i - 1].text), 'text only grows');
    assert.equal(updates.at(-1).text, run.outputs.answer);
    assert.equal(await page.locator('[data-testid="run-outputs"] pre').first().textContent(), run.outputs.answer);
  });

  it('resumes after a reload mid-run without duplicated text', async () => {
    await watchOutput('claude');
    const runId = await runAndWait();
    await page.waitForFunction(() => (window.__frames?.length ?? 0) >= 3, null, { timeout: 60_000 });
    await page.reload();
    assert.equal(await finished(), 'completed');
    const run = await (await fetch(`${server.url}/api/runs/${runId}`)).json();
    assert.equal(await page.getByTestId('output-claude').evaluate((el) => el.firstChild?.textContent ?? el.textContent), run.outputs.answer);
  });
});
