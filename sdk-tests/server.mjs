// `./catalyst start --simulate` on a free loopback port with a throwaway CATALYST_HOME and a token,
// plus any extra arguments (e.g. --simulate-fault); stopped with close().
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

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

export async function startServer({ token, args = [] }) {
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'catalyst-sdk-'));
  let log = '';
  const child = spawn(join(root, 'catalyst'), ['start', '--simulate', ...args], {
    cwd: root,
    env: { ...process.env, CATALYST_PORT: String(port), CATALYST_BIND: '127.0.0.1', CATALYST_HOME: home, CATALYST_TOKEN: token,
      ANTHROPIC_API_KEY: '', OPENAI_API_KEY: '', GROQ_API_KEY: '', VOYAGE_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const close = async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await servingLine(child, 300_000);
  } catch (e) {
    await close();
    throw new Error(`${e.message}\n--- server output ---\n${log.slice(-4000)}`);
  }
  return { url: `http://127.0.0.1:${port}`, close };
}
