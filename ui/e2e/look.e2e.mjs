// Browser tests of the canvas's finished look and of the leftovers of issue 14, against
// ./catalyst start --simulate: the theme follows the system setting (light and dark, the credentials
// screen too). Run: (cd ui && npm run build && npm run e2e). Needs /usr/bin/chromium.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openCanvas } from './browser.mjs';
import { startServer } from './server.mjs';

let server;
let browser;
let page;
let pageErrors = [];

before(async () => {
  server = await startServer();
  ({ browser, page, pageErrors } = await openCanvas(server.url));
  await page.getByRole('button', { name: 'Add Prompt template' }).waitFor();
}, { timeout: 240_000 });

after(async () => {
  assert.deepEqual(pageErrors, []);
  await browser?.close();
  await server?.close();
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
