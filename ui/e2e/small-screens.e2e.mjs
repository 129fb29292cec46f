// Browser tests of the canvas on a small laptop (1280×800) and a small window (1024×700), against
// ./catalyst start --simulate: a user builds and runs a workflow with nothing cut off, drawn over its
// neighbour or out of reach. Measured geometry (boxes, scroll widths), never pixels: the palette's
// items, the Workflow panel's input and output rows, the toolbar with a long name and an unsaved
// state, the run drawer's tabs and metrics, the side panel's run history.
// Run: (cd ui && npm run build && npm run e2e). Needs /usr/bin/chromium.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';

let server;
before(async () => { server = await startServer(); }, { timeout: 300_000 });
after(async () => { await server?.close(); });

/** The boxes of every element `selector` matches (under `root`, a locator, or the page). */
const boxes = (where, selector) => where.locator(selector).evaluateAll((els) => els.map((el) => {
  const r = el.getBoundingClientRect();
  return { what: `${el.tagName.toLowerCase()}.${el.className}${el.textContent ? ` "${el.textContent.trim().slice(0, 30)}"` : ''}`,
    left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
}));

const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const inside = (a, o) => a.left >= o.left - 0.5 && a.right <= o.right + 0.5 && a.top >= o.top - 0.5 && a.bottom <= o.bottom + 0.5;
const show = (...xs) => JSON.stringify(xs.map((x) => ({ ...x, left: Math.round(x.left), right: Math.round(x.right), top: Math.round(x.top), bottom: Math.round(x.bottom) })));

/**
 * The problems a test finds, all of them (a test lists every defect of a screen, not only the first);
 * `done()` fails the test when there is any.
 */
function findings() {
  const problems = [];
  const check = (ok, message) => { if (!ok) problems.push(message); };
  return {
    check,
    noneOverlap(list, context) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) check(!overlap(list[i], list[j]), `${context} overlap: ${show(list[i], list[j])}`);
      }
    },
    /** An element matching `selector` must not scroll sideways (its content wider than its box). */
    async noSidewaysScroll(page, selector) {
      const widths = await page.locator(selector).evaluateAll((els) => els.map((el) => ({ what: el.className, scroll: el.scrollWidth, client: el.clientWidth })));
      assert.ok(widths.length > 0, `${selector} is on the page`);
      for (const w of widths) check(w.scroll <= w.client, `${selector} scrolls sideways: ${JSON.stringify(w)}`);
    },
    done: () => assert.deepEqual(problems, []),
  };
}

/** Width the text of the select's chosen option needs, in the select's own font, plus its padding and arrow. */
const neededBySelect = (select) => select.evaluate((el) => {
  const cs = getComputedStyle(el);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  return ctx.measureText(el.selectedOptions[0].text).width + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + 16;
});

for (const [width, height] of [[1024, 700], [1280, 800]]) {
  describe(`the canvas at ${width}×${height}`, { timeout: 300_000 }, () => {
    let browser;
    let page;
    const pageErrors = [];
    before(async () => {
      browser = await launch({ width, height });
      page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(server.url);
      await page.getByTestId('gallery').waitFor();
      await page.getByTestId('simulate-badge').waitFor();
    }, { timeout: 120_000 });
    after(async () => {
      try { assert.deepEqual(pageErrors, []); } finally { await browser?.close(); }
    });

    /** Opens an example (New first) and waits until the server has it and it may run. */
    async function openExample(name) {
      await page.getByRole('button', { name: 'New', exact: true }).click();
      await page.getByTestId(`example-${name}`).click();
      await page.getByTestId('gallery').waitFor({ state: 'detached' });
      await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
      await page.locator('.save-state.saved-server').waitFor({ timeout: 30_000 });
    }

    it('the palette: each item holds its label and its badge side by side or wrapped, none past its edge', async () => {
      const f = findings();
      // the palette fills in once the server's node types arrive: measure it after that
      await page.locator('.palette-item').nth(7).waitFor();
      await f.noSidewaysScroll(page, '.palette');
      const items = await boxes(page, '.palette-item');
      assert.ok(items.length >= 8);
      for (const item of await page.locator('.palette-item').all()) {
        const box = (await boxes(item, ':scope'))[0];
        const parts = [...await boxes(item, '.palette-label'), ...await boxes(item, '.badge')];
        for (const p of parts) f.check(inside(p, box), `inside its palette item: ${show(p, box)}`);
        f.noneOverlap([...await boxes(item, '.kind-icon'), ...parts], 'a palette item\'s icon, label and badge');
      }
     f.done();
    });

    it('the Workflow panel: inputs of every type and outputs have rows wide enough to read and use', async () => {
      const f = findings();
      await openExample('router');
      await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
      await page.locator('.workflow-panel').waitFor();
      for (const [name, type, value] of [['count', 'integer', '3'], ['tags', 'array', '["a","b"]'], ['options', 'object', '{"tone":"dry"}'], ['strict_mode', 'boolean', 'true']]) {
        await page.getByLabel('New input name').fill(name);
        await page.getByRole('button', { name: 'Add input' }).click();
        await page.getByLabel(`Type of ${name}`, { exact: true }).selectOption(type);
        await page.getByLabel(`Default of ${name}`, { exact: true }).fill(value);
      }
      await f.noSidewaysScroll(page, '.side');
      const rows = await page.locator('.workflow-panel .input-row').all();
      assert.equal(rows.length, 7, 'six inputs and one output');
      for (const row of rows) {
        const rowBox = (await boxes(row, ':scope'))[0];
        const name = await boxes(row, 'code');
        const controls = await boxes(row, 'select, input, button');
        for (const c of [...name, ...controls]) f.check(c.left >= rowBox.left - 0.5 && c.right <= rowBox.right + 0.5, `inside its row: ${show(c, rowBox)}`);
        f.noneOverlap([...name, ...controls], 'a row\'s name and controls');
        // the name shows whole
        f.check(await row.locator('code').evaluate((el) => el.scrollWidth <= el.clientWidth), `the name of ${await row.getAttribute('aria-label')} is cut off`);
        // the value (a default, an expression) has room to be read and edited; every control a usable height
        const value = (await boxes(row, 'input'))[0];
        f.check(value.width >= 160, `the value field of ${await row.getAttribute('aria-label')} is ${Math.round(value.width)} px wide`);
        for (const c of controls) f.check(c.height >= 24, `${c.what} is ${c.height} px high`);
      }
      // a type shows whole, whichever it is
      for (const select of await page.locator('.workflow-panel .input-row select').all()) {
        const [need, have] = [await neededBySelect(select), (await boxes(select, ':scope'))[0].width];
        f.check(have >= need, `the type "${await select.inputValue()}" needs ${Math.round(need)} px, has ${Math.round(have)}`);
      }
     f.done();
    });

    it('a run: every tab of the drawer in view, the metrics and the run history inside their panels', async () => {
      const f = findings();
      await page.getByTestId('run-button').click();
      await page.getByTestId('run-dialog').waitFor();
      await page.getByTestId('run-start').click();
      await page.locator('[data-testid="run-view"][data-status="completed"]').waitFor({ timeout: 120_000 });
      await page.getByTestId('run-history').locator('tbody tr').first().waitFor();
      const strip = (await boxes(page, '.run-drawer-head .tabs'))[0];
      const drawer = (await boxes(page, '.run-drawer'))[0];
      const tabs = await boxes(page, '.run-drawer-head .tabs [role=tab]');
      assert.equal(tabs.length, 7, 'the answer and six nodes');
      for (const t of tabs) f.check(inside(t, strip) && inside(t, drawer), `a tab out of view: ${show(t, strip)}`);
      f.noneOverlap([...tabs, ...await boxes(page, '.run-drawer-head > button')], 'the drawer\'s tabs and buttons');
      await f.noSidewaysScroll(page, '.run-drawer-head .tabs');
      await f.noSidewaysScroll(page, '.run-drawer-body');
      await f.noSidewaysScroll(page, '.run-history');
      await f.noSidewaysScroll(page, '.side');
      // the tabs' rows leave the drawer room for what they show
      const body = (await boxes(page, '.run-drawer-body'))[0];
      f.check(body.height >= 150, `the drawer shows ${body.height} px of its tab`);
      // the router's tab
      await page.getByTestId('run-tab-node-router').click();
      await page.locator('.node-tab').waitFor();
      await f.noSidewaysScroll(page, '.run-drawer-body');
     f.done();
    });

    it('the toolbar with a long name and work only this browser has: every part inside the window, none over another', async () => {
      const f = findings();
      await openExample('summarise-translate'); // its long name is in the Open list from now on
      const refuse = (route) => (['POST', 'PUT'].includes(route.request().method()) && !route.request().url().endsWith('/validate')
        ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"unavailable","message":"down for the test"}}' })
        : route.fallback());
      await page.route(/\/api\/workflows(\/[^/?]+)?$/, refuse);
      try {
        await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
        await page.locator('#wf-name').fill('Summarise a long text, then translate it for the team');
        await page.locator('.save-state.saved-local').waitFor({ timeout: 30_000 });
        const bar = (await boxes(page, '.toolbar'))[0];
        const parts = (await boxes(page, '.toolbar > :is(button, select, .wf-name, .simulate, .save-state, .server-state)'))
          .filter((b) => b.width > 0);
        assert.ok(parts.length >= 12, show(...parts));
        for (const p of parts) f.check(p.left >= 0 && p.right <= width && inside(p, bar), `out of the window: ${show(p)}`);
        f.noneOverlap(parts, 'the toolbar');
        f.check(bar.height <= 50, `the toolbar is ${bar.height} px high`);
        // the save state reads whole
        f.check(await page.locator('.save-state').evaluate((el) => el.scrollWidth <= el.clientWidth), 'the save state is cut off');
        await f.noSidewaysScroll(page, 'html');
      } finally {
        await page.unroute(/\/api\/workflows(\/[^/?]+)?$/, refuse);
      }
      f.done();
    });
  });
}
