// Added time to first token (p50 over the direct upstream) against concurrency, one line per
// system, as SVG; log scales on both axes (values at or below 0.1 ms are drawn at 0.1 ms).
const W = 960, H = 600, L = 80, R = 220, T = 50, B = 60;
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
const DIRECT = 'direct upstream';
const FLOOR = 0.1;

export function plotSvg(report) {
  const levels = report.levels.map((l) => l.streams);
  const names = Object.keys(report.levels[0].systems).filter((n) => n !== DIRECT);
  const series = names.map((name) => report.levels.map((l) => ({
    x: l.streams, y: Math.max(FLOOR, l.systems[name].ttft.p50 - l.systems[DIRECT].ttft.p50),
  })));
  const ys = series.flat().map((p) => p.y);
  const y0 = Math.floor(Math.log10(FLOOR)), y1 = Math.ceil(Math.log10(Math.max(...ys, 1)));
  const x0 = Math.log10(Math.min(...levels)), x1 = Math.log10(Math.max(...levels, 10));
  const px = (x) => L + ((Math.log10(x) - x0) / (x1 - x0 || 1)) * (W - L - R);
  const py = (y) => H - B - ((Math.log10(y) - y0) / (y1 - y0 || 1)) * (H - T - B);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="13">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2 - R / 2}" y="28" text-anchor="middle" font-size="16">Added time to first token, p50 over the direct upstream (load ${report.levels[0].load.before.split(' ')[0]}–${report.levels.at(-1).load.after.split(' ')[0]})</text>`];
  for (let e = y0; e <= y1; e++) {
    const v = 10 ** e;
    out.push(`<line x1="${L}" x2="${W - R}" y1="${py(v)}" y2="${py(v)}" stroke="#ddd"/>`,
      `<text x="${L - 8}" y="${py(v) + 4}" text-anchor="end">${v >= 1 ? v : v.toFixed(1)} ms</text>`);
  }
  for (const x of levels) {
    out.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${T}" y2="${H - B}" stroke="#eee"/>`,
      `<text x="${px(x)}" y="${H - B + 20}" text-anchor="middle">${x}</text>`);
  }
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 15}" text-anchor="middle">concurrent streams</text>`,
    `<line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="black"/>`, `<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="black"/>`);
  names.forEach((name, i) => {
    const c = COLORS[i % COLORS.length];
    out.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${series[i].map((p) => `${px(p.x)},${py(p.y)}`).join(' ')}"/>`);
    for (const p of series[i]) out.push(`<circle cx="${px(p.x)}" cy="${py(p.y)}" r="4" fill="${c}"/>`);
    out.push(`<rect x="${W - R + 20}" y="${T + 10 + i * 24}" width="14" height="14" fill="${c}"/>`,
      `<text x="${W - R + 40}" y="${T + 22 + i * 24}">${name}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
