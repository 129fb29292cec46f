// The scale bench's Markdown: first token through nginx with 1 and 3 instances, runs per second,
// and cross-instance event latency.
const DIRECT = 'direct upstream';
const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const signed = (x, d = 2) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(d)}` : '—');
const pp = (s, d = 2) => `${f(s.p50, d)} / ${f(s.p99, d)}`;
const errs = (n, first) => `${n}${n ? ` (${first.join('; ')})` : ''}`;

export function markdownReport(report) {
  const { machine, upstream, versions } = report;
  const lines = [
    `Run ${report.date}: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memGb} GB, Node ${machine.node}, PostgreSQL ${versions.postgres}, ${versions.nginx}. `
      + `Upstream: first token after ${upstream.ttftMs} ms, ${upstream.tokens} tokens ${upstream.gapMs} ms apart. `
      + 'Every Catalyst instance, nginx, PostgreSQL, the upstream and this client share the machine. '
      + `Before any measure, each topology ran ${report.warmupSeconds} s of runs from 64 clients (JIT warm-up).`,
    '',
    '## Time to first token of a streamed run (POST /api/runs?stream=true)',
    '',
    '**added** = the system\'s percentile minus the direct upstream\'s in the same interleaved rounds; **to upstream** = request',
    'sent → the upstream received its request; **hop** = first token written by the upstream → read here (one monotonic clock); **CPU/req** = user+system CPU of the topology\'s processes (instances and nginx) ÷ requests.',
    '',
  ];
  for (const level of report.firstToken) {
    const direct = level.systems[DIRECT];
    lines.push(`### ${level.streams} concurrent stream${level.streams === 1 ? '' : 's'} (${level.rounds} rounds; load before \`${level.load.before}\`, after \`${level.load.after}\`)`, '');
    lines.push('| system | requests | errors | TTFT p50 / p99 (ms) | added p50 / p99 (ms) | to upstream p50 / p99 (ms) | hop p50 / p99 (ms) | CPU/req (ms) |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const [name, s] of Object.entries(level.systems)) {
      const added = name === DIRECT ? '—' : `${signed(s.ttft.p50 - direct.ttft.p50)} / ${signed(s.ttft.p99 - direct.ttft.p99)}`;
      lines.push(`| ${name} | ${s.requests} | ${errs(s.errors, s.firstErrors)} | ${pp(s.ttft)} | ${added} | ${pp(s.toUpstream)} | ${pp(s.hop)} | ${f(s.cpuMsPerRequest)} |`);
    }
    lines.push('');
  }
  lines.push('## Runs per second through nginx', '',
    'Closed loop: each client starts a streamed run when its previous one has ended (first token after 50 ms, last after ≈150 ms).',
    'Each topology first runs a quarter of the time unmeasured at the level (warm-up); then they alternate in two halves of the time. **CPU/run** as above; **PostgreSQL CPU/run**: all of PostgreSQL\'s processes',
    '(the server is the machine\'s: anything else using it in that time counts too).', '');
  for (const level of report.throughput) {
    lines.push(`### ${level.clients} clients, ${level.seconds} s per topology (load before \`${level.load.before}\`, after \`${level.load.after}\`)`, '');
    lines.push('| topology | runs completed | errors | runs/s | run duration p50 / p99 (ms) | TTFT p50 / p99 (ms) | CPU/run (ms) | PostgreSQL CPU/run (ms) |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const [name, s] of Object.entries(level.systems)) {
      lines.push(`| ${name} | ${s.completed} | ${errs(s.errors, s.firstErrors)} | ${f(s.runsPerSecond, 1)} | ${pp(s.duration, 1)} | ${pp(s.ttft)} | ${f(s.cpuMsPerRun)} | ${f(s.pgCpuMsPerRun)} |`);
    }
    const kinds = [...new Set(Object.values(level.systems).flatMap((s) => Object.keys(s.jvmCpuMsPerRunByKind)))].sort();
    lines.push('', 'The instances\' CPU per run by thread (summed over the instances; per-thread schedstat, ms):', '');
    lines.push(`| topology | ${kinds.join(' | ')} |`, `|---|${kinds.map(() => '---:').join('|')}|`);
    for (const [name, s] of Object.entries(level.systems)) lines.push(`| ${name} | ${kinds.map((k) => f(s.jvmCpuMsPerRunByKind[k] ?? 0)).join(' | ')} |`);
    lines.push('');
  }
  lines.push('## Cross-instance event latency (3 instances, no nginx)', '',
    'Each run is started on instance A (its POST streams A\'s events: the owner\'s subscriber) and followed on instance B',
    '(`GET /api/runs/{id}/events`, from the first event). **B − A**: the same event read from B minus read from A, over the live',
    'events (tokens and the last event; the first few are replayed to B as it joins); **token → A / token → B**: the upstream wrote the token → read from A / from B; **terminal B − A**: the run\'s last',
    'event. **404 first**: times B did not know the run yet when asked (its row is written off the request path).', '');
  lines.push('| runs at a time | runs | errors | events missing on B | 404 first | events | B − A p50 / p99 / max (ms) | token → A p50 / p99 (ms) | token → B p50 / p99 (ms) | terminal B − A p50 / p99 (ms) | load after |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const l of report.crossInstance) {
    lines.push(`| ${l.concurrency} | ${l.runs} | ${errs(l.errors, l.firstErrors)} | ${l.missing} | ${l.notFound} | ${l.events} | ${pp(l.bMinusA)} / ${f(l.bMinusA.max)} | `
      + `${pp(l.tokenToA)} | ${pp(l.tokenToB)} | ${pp(l.terminalBMinusA)} | \`${l.load.after}\` |`);
  }
  return `${lines.join('\n')}\n`;
}
