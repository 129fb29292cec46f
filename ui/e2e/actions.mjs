// What a user does on the canvas, as Playwright steps: drag from the palette, connect two ports.
import assert from 'node:assert/strict';

/** Waits (up to 5 s) until `selector` matches `n` elements, then asserts it; edges render a frame after their nodes. */
export async function expectCount(page, selector, n) {
  await page.waitForFunction(([s, c]) => document.querySelectorAll(s).length === c, [selector, n], { timeout: 5000 })
    .catch(() => undefined);
  assert.equal(await page.locator(selector).count(), n, selector);
}

/** Drags a palette item onto the canvas at (x, y) relative to the canvas pane. */
export async function dragNode(page, label, x, y) {
  await page.getByRole('button', { name: `Add ${label}` }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

function handle(page, nodeId, kind, port) {
  return page.locator(`.react-flow__node[data-id="${nodeId}"] .react-flow__handle.${kind === 'out' ? 'source' : 'target'}[data-handleid="${port}"]`);
}

/**
 * Drags from an output port to an input port with the mouse, as a user would. A folded source port
 * is unfolded first ("+N ports"); the target is found once the drag has begun, when every card
 * shows all of its ports.
 */
export async function connect(page, from, fromPort, to, toPort) {
  if ((await handle(page, from, 'out', fromPort).count()) === 0) await page.getByTestId(`ports-more-${from}`).click();
  const a = await handle(page, from, 'out', fromPort).boundingBox();
  if (!a) throw new Error(`port not found: ${from}.${fromPort}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height / 2 + 5, { steps: 4 });
  await handle(page, to, 'in', toPort).waitFor();
  const b = await handle(page, to, 'in', toPort).boundingBox();
  if (!b) throw new Error(`port not found: ${to}.${toPort}`);
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Replaces the text of a CodeMirror field (by its accessible label) by typing, as a user would. */
export async function typeInCode(page, label, text) {
  const editor = page.getByRole('textbox', { name: label }).first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text, { delay: 5 });
}
