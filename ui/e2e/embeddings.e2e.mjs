// Browser test of an embedding run (issue 13) against ./catalyst start --simulate with no key: the
// Embed example runs on the local model, and the run drawer shows "N × 384 vectors [...]" with a
// JSON download of the full vectors, not thousands of floats.
// Run: (cd ui && npm run build && node --test e2e/embeddings.e2e.mjs). Needs /usr/bin/chromium.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { canvasSuite } from './suite.mjs';

let server;
let page;

canvasSuite({
  ready: (page) => page.getByRole('button', { name: 'New', exact: true }).waitFor(),
  opened: (s) => ({ server, page } = s),
});

const example = JSON.parse(await readFile(new URL('../../examples/embed.json', import.meta.url), 'utf8'));
const texts = example.inputs.texts.default;

describe('an embedding run in the browser', { timeout: 300_000 }, () => {
  let run;

  it('opens the Embed example from the gallery and runs it on the local model', async () => {
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByTestId('gallery').waitFor();
    await page.getByTestId('example-embed').click();
    await page.getByTestId('gallery').waitFor({ state: 'detached' });
    await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('run-button').click();
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/runs') && r.request().method() === 'POST'),
      page.getByTestId('run-start').click(),
    ]);
    const { id } = await created.json();
    // the model loads on the first text: allow for it on a busy machine
    await page.locator('[data-testid="run-view"][data-status="completed"], [data-testid="run-view"][data-status="failed"]').waitFor({ timeout: 180_000 });
    assert.equal(await page.getByTestId('run-status').textContent(), 'completed');
    run = await (await fetch(`${server.url}/api/runs/${id}`)).json();
    assert.equal(run.outputs.embeddings.length, texts.length);
    assert.ok(run.outputs.embeddings.every((v) => v.length === 384), 'all-MiniLM-L6-v2 makes 384 dimensions');
  });

  it('shows count × dimensions and the first values, not the floats', async () => {
    const outputs = page.getByTestId('run-outputs');
    const summary = outputs.getByTestId('vectors-embeddings');
    const first = run.outputs.embeddings[0].slice(0, 4).map((x) => x.toFixed(4)).join(', ');
    assert.equal(await summary.locator('span').textContent(), `${texts.length} × 384 vectors [${first}, …]`);
    // the whole outputs list is a line, not 768 numbers: no raw JSON of the vectors anywhere in the drawer
    assert.equal(await outputs.locator('pre').count(), 0);
    const drawer = await page.getByTestId('run-view').textContent();
    assert.ok(drawer.length < 2_000, `the run drawer holds ${drawer.length} characters`);
    assert.ok(!drawer.includes(String(run.outputs.embeddings[0][100])), 'a value past the first four is not printed');
  });

  it('downloads the full vectors as JSON', async () => {
    const link = page.getByTestId('vectors-embeddings').getByRole('button', { name: 'download JSON' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'embeddings.json');
    assert.deepEqual(JSON.parse(await readFile(await download.path(), 'utf8')), run.outputs.embeddings);
  });

  it('the node tab summarizes the node output the same way and names the local model', async () => {
    await page.getByTestId('run-tab-node-embed').click();
    const tab = page.locator('.node-tab');
    assert.match(await tab.getByTestId('vectors-embeddings').locator('span').textContent(), new RegExp(`^${texts.length} × 384 vectors \\[`));
    assert.match(await tab.textContent(), /all-minilm-l6-v2/);
  });
});
