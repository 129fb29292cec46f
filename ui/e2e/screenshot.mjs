// Builds the hello workflow by hand on the fixture server and takes screenshots of the canvas.
//   node e2e/screenshot.mjs [out-prefix]   → <prefix>-prompt.png, <prefix>-model.png
import { launch } from './browser.mjs';
import { connect, dragNode, typeInCode } from './actions.mjs';
import { startFixtureServer } from './fixture-server.mjs';

const prefix = process.argv[2] ?? '/tmp/canvas';
const server = await startFixtureServer();
const { context, close } = await launch();
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(server.url);
  await page.getByLabel('New input name').fill('topic');
  await page.getByRole('button', { name: 'Add input' }).click();
  await page.getByLabel('Default of topic').fill('otters');
  await dragNode(page, 'Prompt template', 120, 260);
  await dragNode(page, 'Claude (Anthropic)', 480, 180);
  await connect(page, 'prompt', 'messages', 'claude', 'messages');
  await page.locator('.react-flow__node[data-id="prompt"]').click();
  await page.getByRole('button', { name: 'Add message' }).click();
  await typeInCode(page, 'Content', 'Write one line about {{ topic }}.');
  await page.locator('.node-issues').waitFor({ state: 'detached' });
  await page.screenshot({ path: `${prefix}-prompt.png` });
  await page.locator('.react-flow__node[data-id="claude"]').click();
  await page.getByLabel('Temperature value').fill('1.5');
  await page.getByTestId('issues-temperature').waitFor();
  await page.screenshot({ path: `${prefix}-model.png` });
  console.log(`screenshots: ${prefix}-prompt.png ${prefix}-model.png`);
} finally {
  await close();
  await server.close();
}
