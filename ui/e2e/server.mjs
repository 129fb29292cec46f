// The real Catalyst server for the browser tests: CATALYST_URL when one is already running,
// otherwise `./catalyst start --simulate` on a free loopback port with a throwaway CATALYST_HOME.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitHealthy(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`catalyst start exited with ${child.exitCode}: ${last}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
      last = `health ${res.status}`;
    } catch (e) { last = e.message; }
    await new Promise((r) => setTimeout(r, 250)); // polling a starting server; not a test assertion
  }
  throw new Error(`server at ${url} not healthy after ${timeoutMs} ms: ${last}`);
}

/** `args` replace `--simulate`; `env` is added to the server's environment (a test's own provider, a master key). */
export async function startServer({ args = ['start', '--simulate'], env = {} } = {}) {
  if (process.env.CATALYST_URL) {
    const url = process.env.CATALYST_URL.replace(/\/$/, '');
    await waitHealthy(url, null, 10_000);
    return { url, close: async () => undefined };
  }
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'catalyst-e2e-'));
  let log = '';
  const child = spawn(join(root, 'catalyst'), args, {
    cwd: root,
    env: { ...process.env, CATALYST_PORT: String(port), CATALYST_BIND: '127.0.0.1', CATALYST_HOME: home,
      ANTHROPIC_API_KEY: '', OPENAI_API_KEY: '', GROQ_API_KEY: '', VOYAGE_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitHealthy(url, child, 180_000);
  } catch (e) {
    await close();
    throw new Error(`${e.message}\n--- server output ---\n${log.slice(-4000)}`);
  }
  return { url, close, log: () => log };
}
