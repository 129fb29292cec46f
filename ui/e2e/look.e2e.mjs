// Browser tests of the canvas's finished look and of the leftovers of issue 14, against
// ./catalyst start --simulate: the theme follows the system setting (light and dark, the credentials
// screen too); the user marks which node's text is the answer, saved with the workflow; New and Open
// ask before discarding changes the server does not have; an output row of the Workflow panel keeps
// its remove button small.
// Run: (cd ui && npm run build && npm run e2e). Needs /usr/bin/chromium.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dragNode, expectCount } from './actions.mjs';
import { launch } from './browser.mjs';
import { canvasSuite } from './suite.mjs';

let server;
let page;

canvasSuite({
  ready: (page) => page.getByRole('button', { name: 'Add Prompt template' }).waitFor(),
  opened: (s) => ({ server, page } = s),
});

/** Relative luminance (0 black … 1 white) of an element's computed colour property. */
const luminance = (selector, prop = 'backgroundColor') => page.locator(selector).first().evaluate((el, p) => {
  const [r, g, b] = getComputedStyle(el)[p].match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}, prop);

describe('a light and a dark theme, following the system setting', { timeout: 300_000 }, () => {
  for (const [colorScheme, isDark] of [['light', false], ['dark', true]]) {
    it(`${colorScheme}: the page, the panels, the canvas and the credentials screen`, async () => {
      await page.emulateMedia({ colorScheme });
      try {
        const dark = (l) => (isDark ? l < 0.05 : l > 0.85);
        await page.getByTestId('gallery').waitFor();
        for (const sel of ['body', '.palette', '.side', '.react-flow', '.gallery']) {
          assert.ok(dark(await luminance(sel)), `${sel} background in the ${colorScheme} theme`);
        }
        // the ink is the opposite of the surface it is on
        assert.ok(!dark(await luminance('.side', 'color')) && (await luminance('.side', 'color')) !== (await luminance('.side')));
        assert.ok(dark(await luminance('.react-flow__controls-button')), 'the zoom controls');
        await page.getByRole('button', { name: 'Credentials', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Credentials' });
        await dialog.waitFor();
        assert.ok(dark(await luminance('.credentials')), 'the credentials screen');
        assert.ok(dark(await luminance('.credentials input')), 'its inputs');
        await page.getByRole('button', { name: 'Close', exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
      } finally {
        await page.emulateMedia({ colorScheme: null });
      }
    });
  }
});

const stored = async (id) => (await fetch(`${server.url}/api/workflows/${encodeURIComponent(id)}`)).json();

/** Does `action` and waits for the workflow save it causes (a POST or PUT of the workflow holding `holding`). */
async function saved(action, holding = '') {
  const [res] = await Promise.all([
    page.waitForResponse((r) => ['POST', 'PUT'].includes(r.request().method()) && /\/api\/workflows(\/[^/]+)?$/.test(new URL(r.url()).pathname)
      && !r.url().endsWith('/validate') && (r.request().postData() ?? '').includes(holding), { timeout: 30_000 }),
    action(),
  ]);
  return res;
}

/** Clicks empty canvas, so the side panel shows the workflow. */
const deselect = () => page.locator('.react-flow__pane').click({ position: { x: 40, y: 300 } });

/** Opens an example from the empty canvas (New first) and waits until it may run. */
async function openExample(name) {
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await saved(() => page.getByTestId(`example-${name}`).click());
  await page.getByTestId('gallery').waitFor({ state: 'detached' });
  await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
  return page.locator('#wf-id').inputValue();
}

describe('the answer node', { timeout: 300_000 }, () => {
  it('the user marks another node as the answer; it is saved as the workflow\'s answer output', async () => {
    const id = await openExample('compare');
    await page.getByTestId('run-button').click();
    await page.getByTestId('run-start').click();
    await page.locator('[data-testid="run-view"][data-status="completed"]').waitFor({ timeout: 120_000 });
    const choice = page.getByTestId('answer-from');
    // compare marks its join as the answer (outputs.answer)
    assert.equal(await choice.inputValue(), 'join');
    const res = await saved(() => choice.selectOption('claude'), '"answer"');
    assert.equal(res.status(), 200);
    assert.equal((await stored(id)).outputs.answer, '{{ nodes.claude.output.text }}');
    await page.getByTestId('run-tab-node-claude').click();
    const claudeText = await page.locator('.node-tab-text').textContent();
    await page.getByTestId('run-tab-answer').click();
    assert.equal(await page.getByTestId('answer-stream').textContent(), claudeText);
    // the choice comes back with the workflow
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByTestId('gallery').waitFor();
    await page.locator('#open-workflow').selectOption(id);
    await page.locator('.react-flow__node[data-id="claude"]').waitFor();
    await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('run-button').click();
    await page.getByTestId('run-start').click();
    await page.locator('[data-testid="run-view"][data-status="completed"]').waitFor({ timeout: 120_000 });
    assert.equal(await page.getByTestId('answer-from').inputValue(), 'claude');
  });
});

describe('New and Open ask before discarding unsaved changes', { timeout: 300_000 }, () => {
  /** The server refuses workflow saves (503) while `f` runs: the canvas keeps the work in this browser only. */
  async function withSavesFailing(f) {
    const refuse = (route) => (['POST', 'PUT'].includes(route.request().method()) && !route.request().url().endsWith('/validate')
      ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"unavailable","message":"down for the test"}}' })
      : route.fallback());
    await page.route(/\/api\/workflows(\/[^/?]+)?$/, refuse);
    try { await f(); } finally { await page.unroute(/\/api\/workflows(\/[^/?]+)?$/, refuse); }
  }

  /** Does `action` and answers the confirm dialog it must raise (as it comes: the page waits on it); returns its message. */
  async function answering(accept, action) {
    let seen;
    const answered = new Promise((resolve) => {
      page.once('dialog', async (dialog) => {
        seen = { type: dialog.type(), message: dialog.message() };
        await (accept ? dialog.accept() : dialog.dismiss());
        resolve();
      });
    });
    await action();
    await answered;
    assert.equal(seen.type, 'confirm');
    return seen.message;
  }

  it('with the work saved on the server, New asks nothing', async () => {
    await openExample('hello');
    const dialogs = [];
    const onDialog = (d) => { dialogs.push(d.message()); void d.dismiss(); };
    page.on('dialog', onDialog);
    try {
      await page.getByRole('button', { name: 'New', exact: true }).click();
      await page.getByTestId('gallery').waitFor();
    } finally { page.off('dialog', onDialog); }
    assert.deepEqual(dialogs, []);
  });

  it('New: cancel keeps the work, accept discards it', async () => {
    const id = await openExample('hello');
    await withSavesFailing(async () => {
      await dragNode(page, 'Stream response', 200, 420);
      await page.locator('.save-state.saved-local').waitFor({ timeout: 30_000 });
      await expectCount(page, '.react-flow__node', 3);
      assert.match(await answering(false, () => page.getByRole('button', { name: 'New', exact: true }).click()), /Discard/);
      await expectCount(page, '.react-flow__node', 3);
      await deselect();
      assert.equal(await page.locator('#wf-id').inputValue(), id);
      await answering(true, () => page.getByRole('button', { name: 'New', exact: true }).click());
      await page.getByTestId('gallery').waitFor();
      await expectCount(page, '.react-flow__node', 0);
    });
    // the server never had the third node
    assert.equal((await stored(id)).nodes.length, 2);
  });

  it('Open: cancel keeps the work, accept opens the other workflow', async () => {
    const other = await openExample('compare');
    const id = await openExample('hello');
    await withSavesFailing(async () => {
      await dragNode(page, 'Stream response', 200, 420);
      await page.locator('.save-state.saved-local').waitFor({ timeout: 30_000 });
      await answering(false, () => page.locator('#open-workflow').selectOption(other));
      await expectCount(page, '.react-flow__node', 3);
      await deselect();
      assert.equal(await page.locator('#wf-id').inputValue(), id);
      await answering(true, () => page.locator('#open-workflow').selectOption(other));
      await page.locator('.react-flow__node[data-id="groq"]').waitFor();
      await expectCount(page, '.react-flow__node', 5); // compare: prompt, three models, their join
    });
  });
});

describe('the Workflow panel', { timeout: 120_000 }, () => {
  it('an output row\'s remove button keeps its own width, as on an input row, beside its expression', async () => {
    await openExample('compare');
    await deselect();
    const box = (label) => page.getByRole('button', { name: label }).evaluate((el) => el.getBoundingClientRect().toJSON());
    const expr = await page.locator('#wf-out-answer').evaluate((el) => el.getBoundingClientRect().toJSON());
    const [removeOutput, removeInput] = [await box('Remove output answer'), await box('Remove input question')];
    assert.equal(removeOutput.width, removeInput.width, JSON.stringify({ removeOutput, removeInput }));
    assert.ok(removeOutput.width < 3 * removeOutput.height, `the × is ${removeOutput.width} px wide`);
    // on the expression's line, right of it, and the expression takes the room left
    assert.ok(Math.abs(removeOutput.top + removeOutput.height / 2 - (expr.top + expr.height / 2)) <= 2);
    assert.ok(removeOutput.left >= expr.right && removeOutput.left - expr.right <= 8, JSON.stringify({ removeOutput, expr }));
  });
});

describe('the gallery on a small screen (1024×700)', { timeout: 120_000 }, () => {
  it('stays inside the canvas, its list scrolling, and every example can be reached', async () => {
    const small = await launch({ width: 1024, height: 700 });
    try {
      const p = small.context.pages()[0] ?? (await small.context.newPage());
      await p.goto(server.url);
      await p.getByTestId('gallery').waitFor();
      const box = (sel) => p.locator(sel).evaluate((el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
      const [gallery, canvas] = [await box('.gallery'), await box('.canvas')];
      assert.ok(gallery.top >= canvas.top && gallery.bottom <= canvas.bottom, JSON.stringify({ gallery, canvas }));
      const last = p.locator('[data-testid^="example-"]').last();
      await last.scrollIntoViewIfNeeded();
      assert.ok(await last.isVisible());
    } finally {
      await small.close();
    }
  });
});
