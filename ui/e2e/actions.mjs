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

/**
 * The element's box once it has stopped moving: the same for three animation frames in a row. On a
 * busy machine a card may still be settling (a port unfolded, the gallery gone, a re-layout) when
 * the test reads where its handle is; a drag aimed at an old position misses the port.
 */
export async function settledBox(locator) {
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

/** One drag from an output port to an input port, each end located when the pointer goes there. */
async function dragEdge(page, source, target) {
  const a = await settledBox(source);
  if (!a) throw new Error('source port not found');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  const b = await settledBox(target);
  if (!b) throw new Error('target port not found');
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  const end = await settledBox(target);
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 8 });
  // let the canvas catch up with the pointer: React Flow marks the port under it before the drop
  await target.and(page.locator('.connectingto')).waitFor({ timeout: 5000 }).catch(() => undefined);
  await page.mouse.up();
}

/**
 * Drags from an output port to an input port with the mouse, as a user would (unfolding either port
 * first). The caller asserts what the canvas did. (A card's validation summary no longer moves its
 * ports, see affordances.e2e.mjs, so one drag is enough.)
 */
export async function connect(page, from, fromPort, to, toPort) {
  await unfold(page, from, 'out', fromPort);
  await unfold(page, to, 'in', toPort);
  await dragEdge(page, handle(page, from, 'out', fromPort), handle(page, to, 'in', toPort));
}

/** Replaces the text of a CodeMirror field (by its accessible label) by typing, as a user would. */
export async function typeInCode(page, label, text) {
  const editor = page.getByRole('textbox', { name: label }).first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text, { delay: 5 });
}
