// Browser tests of issue 14's items 7 and 8 against the real server in simulate mode: a card's
// validation summary never moves its ports; one short message per field with the problem
// underlined and quick fixes; the node picker from an edge dropped on empty canvas and from the
// "+" of an output; the context menus; the palette by keyboard; icons; no axe violations.
// Run: (cd ui && npm run e2e). Needs /usr/bin/chromium (scripts/install-browser.sh).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectCount, typeInCode } from './actions.mjs';
import { seriousViolations } from './axe.mjs';
import { openCanvas } from './browser.mjs';
import { startServer } from './server.mjs';

let server;
let browser;
let page;
let pageErrors;

before(async () => {
  server = await startServer();
  ({ browser, page, pageErrors } = await openCanvas(server.url));
  await page.getByRole('button', { name: 'Add Prompt template' }).waitFor();
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The element's box once it has kept still for three animation frames. */
async function settledBox(locator) {
  await locator.evaluate((el) => new Promise((resolve) => {
    let last = '';
    let same = 0;
    const tick = () => {
      const r = el.getBoundingClientRect();
      const key = `${r.x},${r.y},${r.width},${r.height}`;
      same = key === last ? same + 1 : 0;
      last = key;
      if (same >= 3) resolve(undefined); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
  return locator.boundingBox();
}

const card = (id) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (id, kind, port) => card(id).locator(`.react-flow__handle.${kind === 'out' ? 'source' : 'target'}[data-handleid="${port}"]`);

/** A fresh, empty workflow (New asks before dropping unsaved work: accept). */
async function newWorkflow() {
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expectCount(page, '.react-flow__node', 0);
}

describe('a card keeps its ports still', { timeout: 300_000 }, () => {
  it('the validation summary arriving after a drop does not move the ports', async () => {
    // hold the server's verdict until the port has been measured, so "before" is before for sure
    const held = [];
    await page.route('**/api/workflows/validate', (route) => { held.push(route); });
    await page.getByRole('button', { name: 'Add Claude (Anthropic)' }).click();
    await card('claude').waitFor();
    const port = handle('claude', 'in', 'messages');
    assert.equal(await card('claude').locator('.node-issues').count(), 0, 'no summary yet');
    const before = await settledBox(port);
    const cardBefore = await settledBox(card('claude'));
    await page.unroute('**/api/workflows/validate');
    for (const route of held.splice(0)) await route.continue();
    await card('claude').locator('.node-issues').waitFor({ timeout: 15_000 });
    const after = await settledBox(port);
    const cardAfter = await settledBox(card('claude'));
    // the port keeps its place in the card (the card did not grow above it) and on the screen
    assert.deepEqual({ dx: after.x - cardAfter.x, dy: after.y - cardAfter.y }, { dx: before.x - cardBefore.x, dy: before.y - cardBefore.y });
    assert.deepEqual({ x: after.x, y: after.y }, { x: before.x, y: before.y });
  });
});

describe('errors: one message per field, underlined, with quick fixes', { timeout: 300_000 }, () => {
  before(async () => {
    await newWorkflow();
    await page.getByLabel('New input name').fill('topic');
    await page.getByRole('button', { name: 'Add input' }).click();
    await page.getByRole('button', { name: 'Add Prompt template' }).click();
    await card('prompt').waitFor();
  });

  it('underlines an unknown variable, says it once per place, and "Use topic" fixes it', async () => {
    await typeInCode(page, 'Template', 'Write about {{ topc }}');
    const underline = page.locator('[data-field="template"] .cm-lintRange-error');
    await underline.waitFor({ timeout: 15_000 });
    assert.equal(await underline.textContent(), 'topc');
    const messages = page.locator('[data-field="template"] .field-issues p.error');
    assert.deepEqual(await messages.allTextContents(), ["Template: unknown variable 'topc' — did you mean topic?"]);
    // the card, the field and the Run blocker each say it in one line, without the caret diagram
    const texts = [await card('prompt').locator('.node-issues').textContent(), await page.getByTestId('run-blocker').textContent()];
    for (const t of texts) {
      assert.match(t, /unknown variable 'topc'/);
      assert.doesNotMatch(t, /\^|\s\|\s|\d+:\d+:/);
    }
    await page.getByRole('button', { name: 'Use topic' }).click();
    await underline.waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal(await page.getByRole('textbox', { name: 'Template' }).textContent(), 'Write about {{ topic }}');
  });

  it('"Add audience as an input" declares the variable on the workflow', async () => {
    await typeInCode(page, 'Template', 'For {{ audience }}');
    const fix = page.getByRole('button', { name: 'Add audience as an input' });
    await fix.waitFor({ timeout: 15_000 });
    assert.equal(await page.getByRole('button', { name: /^Use / }).count(), 0);
    await fix.click();
    await page.locator('[data-field="template"] .cm-lintRange-error').waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.getByLabel('Default of audience').waitFor();
  });
});
