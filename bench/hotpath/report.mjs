// The bench's Markdown: per concurrency level, each system's time to first token and what it adds
// over the direct upstream measured in the same interleaved rounds.
const DIRECT = 'direct upstream';
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const signed = (x, d = 1) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(d)}` : '—');

export function markdownReport(report) {
  const { machine, upstream } = report;
  const lines = [
    `Run ${report.date}: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memGb} GB, Node ${machine.node}. `
      + `Upstream: first token after ${upstream.ttftMs} ms, ${upstream.tokens} tokens ${upstream.gapMs} ms apart.`,
    '',
    '- **TTFT**: request sent → first token read by the client. **added** = the system\'s percentile minus the direct',
    '  upstream\'s in the same rounds. **to upstream**: request sent → the upstream received its request. **hop**: first',
    '  token written by the upstream → read by the client. All three on one clock (CLOCK_MONOTONIC, shared by the processes).',
    '- **gap**: time between consecutive tokens at the client (the upstream\'s is 5 ms); **buffered**: streams whose',
    '  tokens all arrived within 1 ms of each other. **CPU/req**: the process\'s user+system CPU during its own rounds',
    '  ÷ requests (/proc/<pid>/stat, 10 ms ticks); it includes background work (JIT, GC, the store writer), which idle costs (per-thread schedstat, ns):',
    `  ${Object.entries(report.idleCpuMsPerSecond).map(([k, v]) => `${k} ${f(v, 2)} ms of CPU per idle second`).join(', ')}.`,
    '',
  ];
  for (const level of report.levels) {
    const direct = level.systems[DIRECT];
    lines.push(`### ${level.streams} concurrent stream${level.streams === 1 ? '' : 's'} (${level.rounds} rounds each; /proc/loadavg before: \`${level.load.before}\`, after: \`${level.load.after}\`)`, '');
    lines.push('| system | requests | errors | TTFT p50 / p99 (ms) | added p50 / p99 (ms) | to upstream p50 / p99 (ms) | hop p50 / p99 (ms) | gap p50 / p99 (ms) | buffered | CPU/req (ms) |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [name, s] of Object.entries(level.systems)) {
      const added = name === DIRECT ? '—' : `${signed(s.ttft.p50 - direct.ttft.p50, 2)} / ${signed(s.ttft.p99 - direct.ttft.p99, 2)}`;
      lines.push(`| ${name} | ${s.requests} | ${s.errors}${s.errors ? ` (${s.firstErrors.join('; ')})` : ''} | ${f(s.ttft.p50, 2)} / ${f(s.ttft.p99, 2)} | ${added} | `
        + `${f(s.toUpstream.p50, 2)} / ${f(s.toUpstream.p99, 2)} | ${f(s.hop.p50, 2)} / ${f(s.hop.p99, 2)} | ${f(s.gap.p50, 2)} / ${f(s.gap.p99, 2)} | ${s.buffered} | ${name === DIRECT ? '—' : f(s.cpuMsPerRequest, 2)} |`);
    }
    lines.push('', `Catalyst after this level: heap used ${f(level.catalyst.heapUsedMb)} MB (not after a GC), RSS ${f(level.catalyst.rssMb)} MB`
      + `${level.portkey ? `; Portkey RSS ${f(level.portkey.rssMb)} MB` : ''}.`, '');
  }
  return `${lines.join('\n')}\n`;
}
