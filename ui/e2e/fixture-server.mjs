// Serves the built canvas (ui/dist) with the registry and catalog fixtures that the CLI printed
// (`catalyst nodes --json`, `catalyst models --json`). Only GET /api/nodes and /api/models exist:
// the canvas then runs its local checks and keeps drafts in the browser. For looking at the page
// and for the smoke test; the full browser tests run against the real server (canvas.e2e.mjs).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const fixtures = join(here, '..', 'test', 'fixtures');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

export function startFixtureServer() {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('ui/dist is missing: run npm run build first');
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/api/nodes' || path === '/api/models') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(readFileSync(path === '/api/nodes' ? join(here, '..', 'src', 'schema', 'nodes.generated.json') : join(fixtures, 'models.json')));
      return;
    }
    if (path.startsWith('/api/')) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: `${path} is not served by the fixture server` } }));
      return;
    }
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) });
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await startFixtureServer();
  console.log(`fixture server: ${s.url}`);
}
