// A private nginx in front of Catalyst instances, configured as docs/deploy.md says (round robin,
// keepalive to the instances, no buffering of event streams), on a free loopback port.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const NGINX = '/usr/sbin/nginx';

/** A free loopback port (bound and released; nginx binds it right after). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts nginx (one worker, no master, so its CPU is one process's) proxying to `upstreams`
 * (host:port strings); resolves to { child, url } once it listens.
 */
export async function startNginx(procs, dir, upstreams) {
  if (!fs.existsSync(NGINX)) throw new Error('nginx is not installed (scripts/install-test-deps.sh installs Debian\'s package)');
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    upstream catalyst {
${upstreams.map((u) => `        server ${u};`).join('\n')}
        keepalive 64;
    }
    server {
        listen 127.0.0.1:${port};
        location / {
            proxy_pass http://catalyst;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_buffering off;
            proxy_read_timeout 1h;
        }
    }
}
`);
  const pidFile = path.join(dir, 'nginx.pid');
  const child = procs.spawn(NGINX, ['-p', dir, '-c', conf, '-e', path.join(dir, 'logs', 'stderr.log')], {}, path.join(dir, 'logs', 'out.log'));
  // nginx writes its pid file after it has bound its port: the moment to connect (an event, not a poll)
  const listening = new Promise((resolve, reject) => {
    const done = () => { watcher.close(); resolve(); };
    const watcher = fs.watch(dir, () => { if (fs.existsSync(pidFile)) done(); });
    child.once('exit', (code) => { watcher.close(); reject(new Error(`nginx exited (${code}); see ${dir}/logs`)); });
    if (fs.existsSync(pidFile)) done(); // written before the watch began
  });
  await listening;
  return { child, url: `http://127.0.0.1:${port}` };
}
