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

/** Unfolds a card's ports ("+N ports") when the one wanted is folded away. */
async function unfold(page, nodeId, kind, port) {
  if ((await handle(page, nodeId, kind, port).count()) === 0) await page.getByTestId(`ports-more-${nodeId}`).click();
  await handle(page, nodeId, kind, port).waitFor();
}

/** Drags from an output port to an input port with the mouse, as a user would (unfolding either port first). */
export async function connect(page, from, fromPort, to, toPort) {
  await unfold(page, from, 'out', fromPort);
  await unfold(page, to, 'in', toPort);
  const a = await handle(page, from, 'out', fromPort).boundingBox();
  const b = await handle(page, to, 'in', toPort).boundingBox();
  if (!a || !b) throw new Error(`port not found: ${from}.${fromPort} → ${to}.${toPort}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
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
