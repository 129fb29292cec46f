// Browser tests of the canvas's work-keeping and screens against ./catalyst start --simulate
// (issue 14): New then a dropped node leaves the stored workflow intact; ids are renamed safely;
// every save is a version. Run: (cd ui && npm run build && npm run e2e). Needs /usr/bin/chromium.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dragNode, expectCount } from './actions.mjs';
import { launch } from './browser.mjs';
import { seriousViolations } from './axe.mjs';
import { canvasSuite } from './suite.mjs';

let server;
let page;

canvasSuite({
  ready: (page) => page.getByRole('button', { name: 'Add Prompt template' }).waitFor(),
  opened: (s) => ({ server, page } = s),
});

const stored = async (id) => {
  const res = await fetch(`${server.url}/api/workflows/${encodeURIComponent(id)}`);
  return res.status === 200 ? res.json() : res.status;
};

/** Does `action` and returns the answer to the save it causes (POST creates, PUT updates). */
async function saved(method, action, holding = '') {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && /\/api\/workflows(\/[^/]+)?$/.test(new URL(r.url()).pathname)
      && !r.url().endsWith('/validate') && (r.request().postData() ?? '').includes(holding), { timeout: 30_000 }),
    action(),
  ]);
  return { status: res.status(), body: await res.json() };
}

/** Pairs of node cards whose boxes on screen intersect. */
const overlaps = () => page.evaluate(() => {
  const boxes = [...document.querySelectorAll('.react-flow__node')].map((el) => ({ id: el.dataset.id, r: el.getBoundingClientRect() }));
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r; const b = boxes[j].r;
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(`${boxes[i].id}/${boxes[j].id}`);
    }
  }
  return out;
});

/** Waits two animation frames: React has rendered a store change and the browser laid it out. */
const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Clicks empty canvas, so the side panel shows the workflow. */
const deselect = () => page.locator('.react-flow__pane').click({ position: { x: 40, y: 300 } });

describe('never lose work', { timeout: 300_000 }, () => {
  let firstId;

  it('a new workflow gets a unique id and is created on the server, never written over another', async () => {
    const created = await saved('POST', () => dragNode(page, 'Prompt template', 120, 160));
    assert.equal(created.status, 201);
    await deselect();
    firstId = await page.locator('#wf-id').inputValue();
    assert.match(firstId, /^workflow-[0-9a-f]{8}$/);
    assert.equal(created.body.id, firstId);
    assert.deepEqual((await stored(firstId)).nodes.map((n) => n.type), ['promptTemplate']);
  });

  it('New then dropping a node leaves the saved workflow intact', async () => {
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await expectCount(page, '.react-flow__node', 0);
    const created = await saved('POST', () => dragNode(page, 'Claude (Anthropic)', 200, 160));
    const secondId = created.body.id;
    assert.notEqual(secondId, firstId);
    assert.deepEqual((await stored(firstId)).nodes.map((n) => n.type), ['promptTemplate']);
    assert.deepEqual((await stored(secondId)).nodes.map((n) => n.type), ['anthropicCompletion']);
  });

  it('Open brings the stored workflow back, and its edits update it', async () => {
    await page.locator('#open-workflow').selectOption(firstId);
    await page.locator('.react-flow__node[data-id="prompt"]').waitFor();
    await expectCount(page, '.react-flow__node', 1);
    const updated = await saved('PUT', () => dragNode(page, 'Stream response', 420, 160), 'streamResponse');
    assert.equal(updated.body.id, firstId);
    assert.equal(updated.body.version, 2);
    assert.deepEqual((await stored(firstId)).nodes.map((n) => n.type).sort(), ['promptTemplate', 'streamResponse']);
  });

  it('renaming refuses an id another workflow has, and moves the workflow to a free one', async () => {
    await deselect();
    const other = (await (await fetch(`${server.url}/api/workflows`)).json()).map((w) => w.id).find((id) => id !== firstId);
    await page.locator('#wf-id').fill(other);
    await page.getByRole('button', { name: 'Rename' }).click();
    assert.match(await page.locator('#wf-id-error').textContent(), /exists/);
    assert.deepEqual((await stored(other)).nodes.map((n) => n.type), ['anthropicCompletion']);

    await page.locator('#wf-id').fill('kept-work');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('button', { name: 'Rename' }).waitFor({ state: 'detached' });
    assert.equal(await stored(firstId), 404);
    assert.deepEqual((await stored('kept-work')).nodes.map((n) => n.type).sort(), ['promptTemplate', 'streamResponse']);
  });

  it('lists the versions of every save and restores an old one', async () => {
    await page.locator('.versions summary').click();
    await page.getByTestId('versions').waitFor();
    // create, update, rename: three versions, newest first
    assert.deepEqual(await page.locator('[data-testid="versions"] li > span:first-child').allTextContents(), ['v3', 'v2', 'v1']);
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await page.locator('[data-testid="versions"] li', { hasText: 'v4' }).waitFor();
    await expectCount(page, '.react-flow__node', 1);
    const now = await stored('kept-work');
    assert.equal(now.id, 'kept-work');
    assert.deepEqual(now.nodes.map((n) => n.type), ['promptTemplate']);
  });
});

describe('start from an example', { timeout: 300_000 }, () => {
  it('says simulate mode in the toolbar, with how to get real answers', async () => {
    const badge = page.getByTestId('simulate-badge');
    assert.match(await badge.textContent(), /Simulate/);
    assert.match(await badge.getAttribute('title'), /local fakes.*key/);
  });

  it('the empty canvas offers every example; each opens with one click as its own copy and runs', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const dir = new URL('../../examples/', import.meta.url);
    const examples = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.json')).sort()
      .map(async (f) => JSON.parse(await readFile(new URL(f, dir), 'utf8'))));
    assert.ok(examples.length >= 7);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByTestId('gallery').waitFor();
    // the gallery offers exactly the examples/*.json files
    assert.deepEqual((await page.locator('[data-testid^="example-"]').evaluateAll((els) => els.map((e) => e.dataset.testid))).sort(),
      examples.map((ex) => `example-${ex.id}`).sort());
    for (const ex of examples) {
      await page.getByRole('button', { name: 'New', exact: true }).click();
      await page.getByTestId('gallery').waitFor();
      const created = await saved('POST', () => page.getByTestId(`example-${ex.id}`).click());
      assert.match(created.body.id, new RegExp(`^${ex.id}-[0-9a-f]{6}$`));
      await page.getByTestId('gallery').waitFor({ state: 'detached' });
      await expectCount(page, '.react-flow__node', ex.nodes.length);
      assert.deepEqual(await overlaps(), [], `${ex.id} as the example places it`);
      // each edge in the colour of the type it carries
      assert.equal(await page.locator('.react-flow__edge[class*="edge-type-"]:not(.edge-type-unknown)').count(), ex.edges.length);
      await page.getByRole('button', { name: 'Tidy up' }).click();
      await frames();
      assert.deepEqual(await overlaps(), [], `${ex.id} after Tidy up`);
      await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
      await page.getByTestId('run-button').click();
      if (Object.keys(ex.inputs ?? {}).length > 0) await page.getByTestId('run-start').click();
      await page.locator('[data-testid="run-view"][data-status="completed"], [data-testid="run-view"][data-status="failed"]').waitFor({ timeout: 120_000 });
      assert.equal(await page.getByTestId('run-status').textContent(), 'completed', `${ex.id} ran`);
      assert.deepEqual(await overlaps(), [], `${ex.id} with its answers streamed in`);
    }
  });
});

/** Opens an example from the empty canvas (New first). */
async function openExample(name) {
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByTestId(`example-${name}`).click();
  await page.getByTestId('gallery').waitFor({ state: 'detached' });
  await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
}

/** Starts a run through the toolbar and its inputs dialog; returns the run's id. */
async function startRun() {
  await page.getByTestId('run-button').click();
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/runs') && r.request().method() === 'POST'),
    page.getByTestId('run-start').click(),
  ]);
  return (await created.json()).id;
}

describe('history that tells the truth, and states', { timeout: 300_000 }, () => {
  it('an old run opens read-only with the workflow version it ran, never painted onto the current graph', async () => {
    await openExample('hello');
    const runId = await startRun();
    await page.locator('[data-testid="run-view"][data-status="completed"]').waitFor({ timeout: 120_000 });
    const id = await page.locator('#wf-id').inputValue();
    // the workflow changes after the run: a third node
    await saved('PUT', () => dragNode(page, 'Stream response', 200, 420), 'streamResponse');
    await deselect();
    await page.getByRole('button', { name: `Open run ${runId}` }).click();
    await page.getByTestId('viewing-bar').waitFor();
    await expectCount(page, '.react-flow__node', 2);
    await page.locator('[data-testid="run-view"][data-status="completed"]').waitFor();
    assert.equal(await page.locator('[data-testid="node-claude"] .node-status').textContent(), 'completed');
    // read-only: a drop adds nothing, and nothing is saved over the stored workflow
    await dragNode(page, 'Join texts', 300, 420);
    await expectCount(page, '.react-flow__node', 2);
    assert.match(await page.getByTestId('hint').textContent(), /read-only/);
    await page.getByRole('button', { name: 'Back to editing' }).click();
    await page.getByTestId('viewing-bar').waitFor({ state: 'detached' });
    await expectCount(page, '.react-flow__node', 3);
    assert.equal((await stored(id)).nodes.length, 3);
    const history = page.getByTestId('run-history');
    assert.match(await history.textContent(), /completed/);
    assert.match(await history.locator('tbody tr').first().textContent(), /\$/, 'the cost is listed');
  });

  it('a cancelled run shows its unfinished nodes as cancelled, not failed', async () => {
    await openExample('compare');
    await startRun();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid^="output-"]')].some((el) => (el.textContent ?? '').length > 0), null, { timeout: 60_000 });
    await page.getByTestId('cancel-button').click();
    await page.locator('[data-testid="run-view"][data-status="cancelled"]').waitFor({ timeout: 60_000 });
    const states = await page.locator('.react-flow__node .node-status').allTextContents();
    assert.ok(states.includes('cancelled'), `node states: ${states}`);
    assert.ok(!states.includes('failed'), `node states: ${states}`);
    assert.equal(await page.locator('.node-status[data-status="cancelled"]').first().getAttribute('title'),
      'cancelled: the run was cancelled before this node finished');
  });
});

describe('accessibility (axe-core)', { timeout: 600_000 }, () => {
  // both themes: the system setting picks one (prefers-color-scheme), and each must pass on its own
  for (const colorScheme of ['light', 'dark']) {
    it(`the main screens have no violation of serious or critical impact (${colorScheme} theme)`, async () => {
      await page.emulateMedia({ colorScheme });
      try {
        assert.equal(await page.evaluate((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, colorScheme), true);
        await page.getByRole('button', { name: 'New', exact: true }).click();
        await page.getByTestId('gallery').waitFor();
        assert.deepEqual(await seriousViolations(page), [], 'the start screen');
        await page.getByTestId('example-compare').click();
        await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
        assert.deepEqual(await seriousViolations(page), [], 'a workflow on the canvas');
        await page.getByTestId('run-button').click();
        await page.getByTestId('run-dialog').waitFor();
        assert.deepEqual(await seriousViolations(page), [], 'the inputs dialog');
        await page.getByTestId('run-start').click();
        await page.locator('[data-testid="run-view"][data-status="completed"]').waitFor({ timeout: 120_000 });
        assert.deepEqual(await seriousViolations(page), [], 'the run drawer');
        await page.locator('.react-flow__node[data-id="claude"]').click();
        await page.getByLabel('Model *').waitFor();
        assert.deepEqual(await seriousViolations(page), [], 'a node\'s settings');
        await page.getByRole('button', { name: 'Credentials', exact: true }).click();
        await page.getByRole('dialog', { name: 'Credentials' }).waitFor();
        assert.deepEqual(await seriousViolations(page), [], 'the credentials screen');
        await page.getByRole('button', { name: 'Close', exact: true }).click();
        await page.getByRole('dialog', { name: 'Credentials' }).waitFor({ state: 'detached' });
      } finally {
        await page.emulateMedia({ colorScheme: null });
      }
    });
  }
});

describe('a small screen (1024×700)', { timeout: 120_000 }, () => {
  it('the canvas is wider than each side panel, no panel covers it, and panels fold away', async () => {
    const small = await launch({ width: 1024, height: 700 });
    try {
      const p = small.context.pages()[0] ?? (await small.context.newPage());
      await p.goto(server.url);
      await p.getByRole('button', { name: 'Add Prompt template' }).waitFor();
      const rect = (sel) => p.locator(sel).evaluate((el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, width: r.width }; });
      const [palette, canvas, side] = [await rect('.palette'), await rect('.canvas'), await rect('.side')];
      assert.ok(canvas.width > palette.width && canvas.width > side.width, JSON.stringify({ palette, canvas, side }));
      assert.ok(palette.right <= canvas.left && canvas.right <= side.left, 'panels sit beside the canvas, not over it');
      assert.equal(await p.locator('.react-flow__minimap').count(), 0, 'no minimap on a small screen');
      await p.getByRole('button', { name: 'Settings ›' }).click();
      await p.locator('.side').waitFor({ state: 'hidden' });
      assert.ok((await rect('.canvas')).width > canvas.width + side.width - 2);
      await p.getByRole('button', { name: 'Settings ‹' }).click();
      await p.locator('.side').waitFor();
    } finally {
      await small.close();
    }
  });
});
