// The README's screenshots, taken against ./catalyst start --simulate (or CATALYST_URL):
//   node e2e/screens.mjs [out-dir]   → gallery.png, compare-running.png, small-screen.png, dark-theme.png (default: ../docs)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';

const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');
const server = await startServer();

async function withPage(size, f, colorScheme = 'light') {
  const { context, close } = await launch(size);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.emulateMedia({ colorScheme });
    await page.goto(server.url);
    await page.getByTestId('gallery').waitFor();
    await f(page);
  } finally {
    await close();
  }
}

try {
  await withPage({ width: 1440, height: 900 }, async (page) => {
    await page.getByTestId('simulate-badge').waitFor();
    await page.screenshot({ path: join(out, 'gallery.png') });
    await page.getByTestId('example-compare').click();
    await page.getByRole('button', { name: 'Tidy up' }).click();
    await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('run-button').click();
    await page.getByTestId('run-start').click();
    // mid-stream: some tokens are in, the run is not over yet
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid^="output-"]')].some((el) => (el.textContent ?? '').length > 30));
    await page.locator('.react-flow__controls-fitview').click(); // every card in view above the drawer
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(out, 'compare-running.png') });
  });
  await withPage({ width: 1024, height: 700 }, async (page) => {
    await page.getByTestId('example-router').click();
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByRole('button', { name: 'Tidy up' }).click();
    await page.locator('.react-flow__controls-fitview').click();
    await page.locator('.save-state.saved-server').waitFor({ timeout: 30_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(out, 'small-screen.png') });
  });
  // the dark theme (the system setting picks it): compare with one model disabled, run to the end:
  // the disabled card reads skipped, the join's answer holds the other two, the drawer is open
  await withPage({ width: 1440, height: 900 }, async (page) => {
    await page.getByTestId('example-compare').click();
    await page.getByRole('button', { name: 'Tidy up' }).click();
    await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('.react-flow__node[data-id="gpt"]').click();
    await page.keyboard.press('d');
    await page.getByTestId('disabled-gpt').waitFor();
    await page.getByTestId('run-blocker').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('run-button').click();
    await page.getByTestId('run-start').click();
    await page.locator('[data-testid="run-view"][data-status="completed"]').waitFor({ timeout: 120_000 });
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.locator('.react-flow__controls-fitview').click();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(out, 'dark-theme.png') });
  }, 'dark');
  console.log(`screenshots in ${out}: gallery.png compare-running.png small-screen.png dark-theme.png`);
} finally {
  await server.close();
}
