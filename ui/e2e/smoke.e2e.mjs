// A browser smoke test that needs no Java server: the built canvas on the fixture server (the
// registry and catalog the CLI prints). Covers what the canvas does on its own: drag and connect,
// refusal hints, local validation on the right field, keyboard undo/copy/paste, keyboard palette.
// Run: (cd ui && npm run build && npm run e2e:smoke). Needs /usr/bin/chromium.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { connect, dragNode, expectCount, typeInCode } from './actions.mjs';
import { launch } from './browser.mjs';
import { startFixtureServer } from './fixture-server.mjs';

let server;
let browser;
let page;
const errors = [];

before(async () => {
  server = await startFixtureServer();
  browser = await launch();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Add Prompt template' }).waitFor();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const expectNodes = (n) => expectCount(page, '.react-flow__node', n);
const expectEdges = (n) => expectCount(page, '.react-flow__edge', n);

describe('canvas smoke (fixture registry)', { timeout: 120_000 }, () => {
  it('palette is grouped by category and searchable', async () => {
    const headings = await page.locator('.palette h3').allTextContents();
    assert.deepEqual(headings, ['Prompts', 'Models', 'Embeddings', 'Routing', 'Output', 'Text']);
    await page.getByLabel('Search nodes').fill('groq');
    assert.deepEqual(await page.locator('.palette-label').allTextContents(), ['Groq']);
    await page.getByLabel('Search nodes').fill('');
  });

  it('drags nodes in, connects compatible ports and refuses incompatible ones with a hint', async () => {
    await dragNode(page, 'Prompt template', 80, 160);
    await dragNode(page, 'Claude (Anthropic)', 520, 120);
    await expectNodes(2);
    await connect(page, 'prompt', 'text', 'claude', 'messages');
    const hint = page.getByTestId('hint');
    await hint.waitFor();
    assert.match(await hint.textContent(), /Text does not fit Messages/);
    assert.match(await hint.textContent(), /Connect it to Claude \(Anthropic\)\.prompt instead/);
    await expectEdges(0);
    await connect(page, 'prompt', 'messages', 'claude', 'messages');
    await expectEdges(1);
  });

  it('edits a template in CodeMirror with completion and a live preview', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } }); // nothing selected: the workflow panel
    await page.getByLabel('New input name').fill('topic');
    await page.getByRole('button', { name: 'Add input' }).click();
    await page.getByLabel('Default of topic').fill('otters');
    await page.locator('.react-flow__node[data-id="prompt"]').click();
    await page.getByRole('button', { name: 'Add message' }).click();
    await typeInCode(page, 'Content', 'Write one line about {{ to');
    await page.locator('.cm-tooltip-autocomplete').waitFor();
    assert.match(await page.locator('.cm-tooltip-autocomplete').textContent(), /topic/);
    await page.locator('.cm-tooltip-autocomplete li', { hasText: 'workflow input' }).first().click();
    await page.keyboard.type(' }}.');
    assert.equal(await page.getByTestId('preview-text').textContent(), 'Write one line about otters.');
    assert.deepEqual(await page.locator('.cm-template-hole').allTextContents(), [' topic ']);
  });

  it('puts a validation error on the field and the node, and says why Run is disabled', async () => {
    await page.locator('.react-flow__node[data-id="claude"]').click();
    await page.getByLabel('Temperature value').fill('1.5');
    const issues = page.locator('[data-field="temperature"] .field-issues');
    await issues.waitFor({ timeout: 10_000 });
    assert.match(await issues.textContent(), /maximum value of 1/);
    assert.equal(await page.locator('[data-testid="node-claude"].has-errors').count(), 1);
    assert.ok(await page.getByTestId('run-button').isDisabled());
    assert.ok((await page.getByTestId('run-blocker').textContent()).length > 0);
    // The model picker shows price, context and status.
    assert.match(await page.getByTestId('model-facts').textContent(), /per M tokens/);
  });

  it('undoes and redoes with the keyboard, copies and pastes nodes', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    // One undo step per edit session: typing in one field (or list) is one step.
    await page.keyboard.press('Control+z'); // temperature
    await page.keyboard.press('Control+z'); // the message: added, typed, completed
    await page.keyboard.press('Control+z'); // the input topic and its default
    await page.keyboard.press('Control+z'); // the edge
    await expectEdges(0);
    await page.keyboard.press('Control+Shift+z');
    await expectEdges(1);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expectNodes(4);
    await expectEdges(2);
    await page.keyboard.press('Delete');
    await expectNodes(2);
  });

  it('adds a node from the palette with the keyboard', async () => {
    await page.getByLabel('Search nodes').focus();
    await page.getByLabel('Search nodes').fill('stream response');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectNodes(3);
    assert.equal(await page.locator('.react-flow__node[data-id="answer"]').count(), 1);
    assert.deepEqual(errors, []);
  });

  it('imports workflow JSON without its keys and exports credential names only', async () => {
    const hello = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'hello.json'), 'utf8'));
    hello.nodes[1].config.credential = 'sk-ant-api03-' + 'NotARealKeyButLooksLikeOne0123456789';
    await page.getByTestId('import-file').setInputFiles({ name: 'hello.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hello)) });
    await expectNodes(2);
    assert.match(await page.getByTestId('hint').textContent(), /Removed what looked like secrets: nodes\[1\]\.config\.credential/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(download.suggestedFilename(), 'hello.json');
    assert.deepEqual(exported.edges, hello.edges);
    assert.equal(exported.nodes[1].config.credential, undefined);
    assert.ok(!JSON.stringify(exported).includes('sk-ant'));
  });
});
