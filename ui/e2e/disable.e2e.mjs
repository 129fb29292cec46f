// Disabling a node, end to end (ADR 23), against the real server in simulate mode: open the compare
// example from the gallery (its join puts the three answers into one), disable one model through
// the card's context menu, run: the join completes with the other two answers, the disabled card reads disabled and
// skipped, no event or drawer tab names it, and its output is left out. Enable brings it back.
// Run: (cd ui && npm run e2e). Needs /usr/bin/chromium (scripts/install-browser.sh).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectCount } from './actions.mjs';
import { seriousViolations } from './axe.mjs';
import { canvasSuite } from './suite.mjs';

let server;
let page;
let pageErrors;

canvasSuite({
  ready: (page) => page.getByTestId('gallery').waitFor(),
  opened: (s) => ({ server, page, pageErrors } = s),
});

const card = (id) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** The workflow the server holds at `url` (the autosave's address). */
async function stored(url) {
  return (await fetch(url)).json();
}

describe('disable a node', { timeout: 300_000 }, () => {
  it('a disabled branch of compare is skipped and the join runs with the other answers', async () => {
    await page.getByTestId('example-compare').click();
    await page.getByTestId('gallery').waitFor({ state: 'detached' });
    // compare joins its three answers: prompt → claude, gpt, groq → join
    await expectCount(page, '.react-flow__node', 5);
    await expectCount(page, '.react-flow__edge', 6);
    await card('join').waitFor();

    // Disable through the context menu
    await card('gpt').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Actions for gpt' });
    await menu.waitFor();
    assert.deepEqual((await menu.getByRole('menuitem').allTextContents()).map((t) => t.trim()), ['Duplicate', 'Delete', 'DisableD']);
    // the autosave that carries the field (waited for before the click, so it cannot be missed)
    const saved = page.waitForResponse((r) => /\/api\/workflows\/[^/]+$/.test(r.url()) && r.request().method() === 'PUT'
      && (r.request().postData() ?? '').includes('"disabled":true'), { timeout: 30_000 });
    await menu.getByRole('menuitem', { name: /Disable/ }).click();
    await menu.waitFor({ state: 'detached' });
    await page.getByTestId('disabled-gpt').waitFor();
    assert.match(await card('gpt').locator('.node-card').getAttribute('class'), /is-disabled/);
    // the field is saved with the workflow, on that node only
    const save = await saved;
    assert.equal(save.status(), 200);
    assert.deepEqual((await stored(save.url())).nodes.filter((n) => n.disabled).map((n) => n.id), ['gpt']);
    // the menu offers Enable now; the page stays free of serious axe violations with a disabled card and the menu open
    await card('gpt').click({ button: 'right' });
    await menu.getByRole('menuitem', { name: /Enable/ }).waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    // run in simulate mode
    await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('run-button').click();
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/runs') && r.request().method() === 'POST'),
      page.getByTestId('run-start').click(),
    ]);
    const runId = (await created.json()).id;
    await page.locator('[data-testid="run-view"][data-status="completed"], [data-testid="run-view"][data-status="failed"]').waitFor({ timeout: 120_000 });
    assert.equal(await page.getByTestId('run-status').textContent(), 'completed');

    // the disabled card reads disabled and skipped; the others ran
    assert.equal(await card('gpt').locator('.node-status').textContent(), 'skipped');
    assert.equal(await page.getByTestId('disabled-gpt').textContent(), 'disabled');
    for (const id of ['prompt', 'claude', 'groq', 'join']) assert.equal(await card(id).locator('.node-status').textContent(), 'completed', id);
    // the drawer has no tab for it, and the outputs leave it out
    await page.getByTestId('run-tab-node-join').waitFor();
    assert.equal(await page.getByTestId('run-tab-node-gpt').count(), 0);
    const outputs = await page.getByTestId('run-outputs').locator('dt').allTextContents();
    assert.deepEqual(outputs.sort(), ['answer', 'claude', 'groq']);
    // the join has the other two answers, in edge order
    const claude = await page.getByTestId('output-claude').textContent();
    const groq = await page.getByTestId('output-groq').textContent();
    assert.ok(claude.length > 0 && groq.length > 0);
    await page.getByTestId('run-tab-node-join').click();
    const joined = await page.locator('.run-drawer-body').textContent();
    assert.ok(joined.includes(claude) && joined.includes(groq), `join output: ${joined}`);
    // compare's answer is its join: the two answers that ran, one after the other
    await page.getByTestId('run-tab-answer').click();
    assert.equal(await page.getByTestId('answer-from').inputValue(), 'join');
    assert.equal(await page.getByTestId('answer-stream').textContent(), `${claude}\n\n${groq}`);

    // the server's events name no skipped node
    const events = await (await fetch(`${server.url}/api/runs/${runId}/events`)).text();
    assert.ok(events.includes('event: run.completed'));
    assert.ok(!events.includes('"nodeId":"gpt"'), 'no event for the disabled node');

    // Enable with the keyboard shortcut: D on the selected card
    await card('gpt').click();
    await page.keyboard.press('d');
    await page.getByTestId('disabled-gpt').waitFor({ state: 'detached' });
    assert.deepEqual(pageErrors, []);
  });
});
