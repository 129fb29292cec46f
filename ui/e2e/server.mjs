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

async function checkHealthy(url) {
  const res = await fetch(`${url}/api/health`);
  if (!res.ok) throw new Error(`server at ${url}: health ${res.status}`);
}

// Resolves when the server prints its "serving on" line (it listens by then); rejects if it exits first.
function servingLine(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no "serving on" line after ${timeoutMs} ms`)), timeoutMs);
    const onData = (d) => {
      seen += d;
      if (/serving on http:\/\/\S+/.test(seen)) { clearTimeout(timer); child.stdout.off('data', onData); resolve(); }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`catalyst start exited with ${code}`)); });
  });
}

/** `args` replace `--simulate`; `env` is added to the server's environment (a test's own provider, a master key). */
export async function startServer({ args = ['start', '--simulate'], env = {} } = {}) {
  if (process.env.CATALYST_URL) {
    const url = process.env.CATALYST_URL.replace(/\/$/, '');
    await checkHealthy(url);
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
    await servingLine(child, 300_000);
    await checkHealthy(url);
  } catch (e) {
    await close();
    throw new Error(`${e.message}\n--- server output ---\n${log.slice(-4000)}`);
  }
  return { url, close, log: () => log };
}
