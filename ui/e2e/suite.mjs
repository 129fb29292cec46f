// The before/after most browser suites share: a server in simulate mode and a canvas opened on it
// as a first visit; at the end no uncaught page error, then the browser and the server closed.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { openCanvas } from './browser.mjs';
import { startServer } from './server.mjs';

/**
 * Registers the suite's hooks. `ready(page)` waits for what the page shows once loaded; `opened`
 * receives `{ server, browser, page, pageErrors }` for the suite's own variables.
 */
export function canvasSuite({ ready, opened, timeout = 300_000 }) {
  let session = {};
  before(async () => {
    const server = await startServer();
    session = { server, ...(await openCanvas(server.url)) };
    opened(session);
    await ready(session.page);
  }, { timeout });

  after(async () => {
    try {
      assert.deepEqual(session.pageErrors ?? [], []);
    } finally {
      await session.browser?.close();
      await session.server?.close();
    }
  });
}
